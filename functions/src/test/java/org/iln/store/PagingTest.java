package org.iln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iln.store.Attributes.s;
import static org.iln.store.IlnTable.PK;
import static org.iln.store.IlnTable.SK;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.iln.testing.Aws;
import org.iln.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEmulator.class)
class PagingTest {

    @Test
    void a_query_answered_over_many_pages_yields_every_item_once_in_order(Aws aws) {
        // given: 25 items in one partition, read 4 to a page (7 pages)
        List<String> written = IntStream.range(0, 25).mapToObj(i -> String.format("ITEM#%02d", i)).toList();
        written.forEach(sk -> aws.dynamo().putItem(b -> b.tableName(Aws.TABLE)
                .item(Map.of(PK, s("PAGING#test"), SK, s(sk)))));

        // when
        List<String> read = Paging.items(aws.dynamo(), b -> b.tableName(Aws.TABLE)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s("PAGING#test")))
                        .limit(4))
                .map(item -> item.get(SK).s())
                .toList();

        // then
        assertThat(read).containsExactlyElementsOf(written);
    }

    @Test
    void a_query_that_matches_nothing_yields_nothing(Aws aws) {
        // when
        List<Map<String, AttributeValue>> read = Paging.items(aws.dynamo(), b -> b.tableName(Aws.TABLE)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("PAGING#nobody")))).toList();

        // then
        assertThat(read).isEmpty();
    }
}
