package org.iln.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class AppTest {

    @Test
    void the_main_stack_lives_in_the_configured_region_and_the_web_acl_in_us_east_1() {
        // given
        ProgrammeStack main = SynthesisedProgramme.mainStack();
        Stack edge = (Stack) main.getNode().getScope().getNode().findChild("iln-test-edge");

        // then
        assertThat(main.getRegion()).isEqualTo("eu-west-1");
        assertThat(main.getAccount()).isEqualTo("123456789012");
        assertThat(edge.getRegion()).isEqualTo("us-east-1");
        assertThat(main.getDependencies()).contains(edge);
    }

    @Test
    void synthesis_leaves_no_unacknowledged_warning_or_error() {
        ProgrammeStack main = SynthesisedProgramme.mainStack();
        Annotations.fromStack(main).hasNoWarning("*", Match.anyValue());
        Annotations.fromStack(main).hasNoError("*", Match.anyValue());
    }

    @Test
    void a_missing_functions_jar_stops_synthesis_and_says_how_to_build_it(@TempDir Path empty) {
        // given
        Path missing = empty.resolve(FunctionArtifact.API.fileName());

        // then
        assertThatThrownBy(() -> IlnApp.build(SynthesisedProgramme.app("missing-jar"), SynthesisedProgramme.SETTINGS, empty))
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("./mvnw -B -pl functions -am package")
                .hasMessageContaining("functionsDirectory");
    }
}
