#!/usr/bin/env python3
"""Prints the SDK model classes the Lambda jars must keep for the operations the functions call.

The closure is over constant-pool references (class entries, descriptors, signatures) from the
operations' request and response classes, the service's base and exception classes, and what
the service's waiters refer to (plus, not closed over, what its endpoint and auth code names). Paste the
names into the service's filter in functions/pom.xml (Name as Name.class and Name$*.class
includes; Name.class as itself only).

Usage: bench/startup/sdk-shapes.py ~/.m2/repository/software/amazon/awssdk/sesv2/<v>/sesv2-<v>.jar SendEmail,CreateEmailIdentity
       bench/startup/sdk-shapes.py ~/.m2/repository/software/amazon/awssdk/dynamodb/<v>/dynamodb-<v>.jar \
           CreateTable,DeleteItem,DescribeTable,DescribeEndpoints,GetItem,PutItem,Query,TransactWriteItems,UpdateItem,UpdateTimeToLive dynamodb
"""
import struct, sys, zipfile, re
jar = zipfile.ZipFile(sys.argv[1])
ops = sys.argv[2].split(',')
SERVICE = sys.argv[3] if len(sys.argv) > 3 else 'sesv2'
BASE = {'sesv2': 'SesV2', 'dynamodb': 'DynamoDb'}[SERVICE]
P = f'software/amazon/awssdk/services/{SERVICE}/model/'
names = {n[:-6] for n in jar.namelist() if n.startswith(P) and n.endswith('.class')}

def refs(data):
    i = 10; n = struct.unpack('>H', data[8:10])[0]; utf = {}; cls = []; k = 1
    while k < n:
        t = data[i]
        if t == 1:
            l = struct.unpack('>H', data[i+1:i+3])[0]; utf[k] = data[i+3:i+3+l].decode('utf8', 'replace'); i += 3 + l
        elif t in (7, 8, 16, 19, 20): 
            if t == 7: cls.append(struct.unpack('>H', data[i+1:i+3])[0])
            i += 3
        elif t in (3, 4, 9, 10, 11, 12, 18, 17): i += 5
        elif t in (5, 6): i += 9; k += 1
        elif t == 15: i += 4
        else: raise ValueError(t)
        k += 1
    out = set(utf[c] for c in cls)
    for s in utf.values():  # descriptors and signatures: Lpkg/Name; 
        out.update(re.findall(r'L(' + P + r'[A-Za-z0-9_$]+)[;<]', s))
    return out

roots = set()
for n in names:
    base = n[len(P):].split('$')[0]
    if base in (BASE + 'Request', BASE + 'Response') or base.endswith('Exception') or any(base == op + s for op in ops for s in ('Request', 'Response')):
        roots.add(n)
# Waiters and the SDK's warm-up provider (SnapStart priming): building the client's waiter
# builds every waiter, whose acceptors name their
# operations' responses, so those are closed over too. The service's other code (endpoint
# rules, auth) names request classes only in instanceof checks: kept as classes, not closed over.
SVC = P[:-len('model/')]
direct = set()
for n in jar.namelist():
    rest = n[len(SVC):] if n.startswith(SVC) else ''
    if (rest.endswith('.class') and not rest.startswith(('model/', 'transform/', 'paginators/', 'streams/'))
            and 'Async' not in rest and not rest.startswith(('Default' + BASE + 'Client', BASE + 'Client'))):
        for r in refs(jar.read(n)):
            if r.startswith(P):
                (roots if rest.startswith(('waiters/', 'jmespath/', 'internal/warmup/')) else direct).add(r)
seen = set(); todo = list(roots)
while todo:
    c = todo.pop()
    if c in seen or c not in names: continue
    seen.add(c)
    todo.extend(r for r in refs(jar.read(c + '.class')) if r.startswith(P))

size = lambda s: sum(jar.getinfo(n + '.class').compress_size for n in s)
print('closure', len(seen), 'classes,', size(seen), 'bytes compressed, of', len(names), size(names), file=sys.stderr)
closed = {n[len(P):].split('$')[0] for n in seen}
for b in sorted(closed): print(b)
# Named only in instanceof checks: the class itself, not its builders (not closed over).
for b in sorted({n[len(P):].split('$')[0] for n in direct} - closed): print(b + '.class')
