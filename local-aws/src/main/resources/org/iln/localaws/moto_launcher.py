# Runs moto_server's own main with the arguments given, with three changes (see MotoServer's Javadoc):
import copy
import json
import sys
import types

import moto.dynamodb.models as dynamodb_models
import moto.moto_api._internal.urls as moto_api_urls
import moto.server
import werkzeug.serving
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table


# 1. One request at a time, as DynamoDB serialises transactions (moto checks their conditions
#    without a lock when threaded).
def one_at_a_time(*args, **kwargs):
    kwargs["threaded"] = False
    return werkzeug.serving.run_simple(*args, **kwargs)


moto.server.run_simple = one_at_a_time


# 2. TransactWriteItems backs up every table it touches with copy.deepcopy, once per item, so each
#    transaction costs time in proportion to the whole table: signups slowed to about one a second
#    once the table held a few thousand items. Back up only the items the transaction names, and
#    put exactly those back when it is cancelled.
_backing_up = False
_fast_copy = types.ModuleType("copy")
_fast_copy.__dict__.update(copy.__dict__)
_fast_copy.deepcopy = lambda value, memo=None: (
    value if _backing_up and isinstance(value, Table) else copy.deepcopy(value, memo))
dynamodb_models.copy = _fast_copy
_transact_write_items = dynamodb_models.DynamoDBBackend.transact_write_items


def _key_of(table, op_type, op):
    source = op["Item"] if op_type == "Put" else op["Key"]
    hash_value = DynamoType(source[table.hash_key_attr])
    range_value = DynamoType(source[table.range_key_attr]) if table.range_key_attr else None
    return hash_value, range_value


def transact_write_items(self, transact_items):
    global _backing_up
    saved = []
    for entry in transact_items:
        for op_type, op in entry.items():
            table = self.tables.get(op.get("TableName"))
            if table is None or op_type not in ("Put", "Update", "Delete", "ConditionCheck"):
                continue
            try:
                hash_value, range_value = _key_of(table, op_type, op)
            except KeyError:
                continue  # moto itself reports the malformed key
            current = (table.items.get(hash_value, {}).get(range_value) if table.range_key_attr
                       else table.items.get(hash_value))
            saved.append((table, hash_value, range_value, copy.deepcopy(current)))
    _backing_up = True
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for table, hash_value, range_value, item in reversed(saved):
            if table.range_key_attr:
                if item is None:
                    table.items.get(hash_value, {}).pop(range_value, None)
                else:
                    table.items[hash_value][range_value] = item
            elif item is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = item
        raise
    finally:
        _backing_up = False


dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items


# 3. Sent mail, a page at a time: GET /moto-api/iln/sent-mail?skip=S&limit=L[&to=ADDRESS] answers
#    {"total": T, "messages": [{"number": N, "raw": MIME}, ...]}, newest first, numbered from 1 in
#    the order sent; "to" keeps the messages with a recipient containing ADDRESS (any case).
#    /moto-api/data.json serialises every object moto ever made, each DynamoDB item version
#    included, so reading the mail there took 20 s once a few hundred people had signed up.
def sent_mail(request, full_url, headers):
    from moto.ses.models import RawMessage

    messages = list(enumerate(RawMessage.instances_tracked, start=1))
    to = request.args.get("to", "").strip().lower()
    if to:
        messages = [(number, m) for number, m in messages
                    if any(to in str(d).lower() for d in (m.destinations or []))]
    skip = max(0, int(request.args.get("skip", "0")))
    limit = max(0, int(request.args.get("limit", "50")))
    newest_first = messages[::-1][skip:skip + limit]
    return 200, {"Content-Type": "application/json"}, json.dumps({
        "total": len(messages),
        "messages": [{"number": number, "raw": m.raw_data} for number, m in newest_first]})


moto_api_urls.url_paths["{0}/moto-api/iln/sent-mail"] = sent_mail

moto.server.main(sys.argv[1:])
