"""Signs N fictional librarians up through a running `./iln dev` (each signup stores an application
and sends a confirmation mail), from several loopback addresses so that no client reaches the
API's per-client limit. Prints progress, then the number stored. Standard library only.

    python3 bench/mail/seed.py http://127.0.0.1:PORT N
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

PEOPLE = [("NG", "Africa/Lagos", "Ngozi", "academic"), ("AU", "Australia/Sydney", "Mia", "public"),
          ("GB", "Europe/London", "Oliver", "special"), ("IN", "Asia/Kolkata", "Priya", "academic"),
          ("CA", "America/Toronto", "Chloe", "school"), ("BR", "America/Sao_Paulo", "Joao", "public")]
CLIENTS = 8


def signup(connection, run, n):
    country, timezone, name, sector = PEOPLE[n % len(PEOPLE)]
    body = json.dumps({
        "givenName": name, "familyName": "Mailbench", "email": f"mail-{run}-{n}@example.org",
        "country": country, "timezone": timezone, "languages": ["en"], "sector": sector,
        "role": "Librarian", "careerStage": "mid", "interests": ["open-access"], "preferSector": "any",
        "preferCareerStage": "any", "openToAny": True, "maxPartners": 1, "consentPrivacy": True,
        "consentShare": True, "website": "", "formStartedAt": int(time.time() * 1000) - 60_000})
    connection.request("POST", "/api/signup", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    if response.status != 202:
        raise SystemExit(f"signup {n} answered {response.status}")


def main():
    server = urllib.parse.urlsplit(sys.argv[1])
    total = int(sys.argv[2])
    run = int(time.time())
    done = [0]
    lock = threading.Lock()

    def client(number):
        # Each client its own loopback address: the dev server limits POSTs per client address.
        connection = http.client.HTTPConnection(server.hostname, server.port, timeout=120,
                                                source_address=(f"127.0.0.{number + 2}", 0))
        for n in range(number, total, CLIENTS):
            signup(connection, run, n)
            with lock:
                done[0] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(c,)) for c in range(CLIENTS)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        time.sleep(5)
        print(f"  seeded {done[0]} of {total} signups after {time.monotonic() - start:.0f} s", file=sys.stderr)
    for thread in threads:
        thread.join()
    if done[0] != total:
        raise SystemExit(f"only {done[0]} of {total} signups were stored")
    print(f"seeded {total} signups in {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
