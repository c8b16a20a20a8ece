"""Many clients decide for the same person at once: the budget holds.

Each decision for a person runs under that person's lock in the store, so
concurrent asks through /v1/decide and /v1/decide/batch are linearizable:
the sends never exceed the budget.
"""
import datetime
import random
import threading

from conftest import touch

THREADS = 16
ROUNDS = 25


def run_clients(server, make_touches):
    """Each thread alternates single decides and 5-touch batches; returns all answers."""
    answers = []
    lock = threading.Lock()
    errors = []

    def client(seed):
        rng = random.Random(seed)
        conn = server.connect()
        mine = []
        try:
            for round_ in range(ROUNDS):
                if round_ % 2 == 0:
                    body = make_touches(rng, 1)[0]
                    status, _, data = server.request("POST", "/v1/decide", body, conn=conn)
                    assert status == 200, data
                    mine.append((body, data))
                else:
                    bodies = make_touches(rng, 5)
                    status, _, data = server.request("POST", "/v1/decide/batch",
                                                     {"touches": bodies}, conn=conn)
                    assert status == 200, data
                    mine.extend(zip(bodies, data["decisions"]))
        except Exception as error:  # reported below, with the thread's seed
            errors.append((seed, error))
        finally:
            conn.close()
        with lock:
            answers.extend(mine)

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(answers) == THREADS * (ROUNDS // 2 * 5 + (ROUNDS + 1) // 2)
    return answers


def test_same_minute_asks_send_exactly_the_budget(server):
    answers = run_clients(server, lambda rng, n: [touch(person="hot", at="2030-03-05T10:00:00Z")
                                                  for _ in range(n)])
    sends = [data for _, data in answers if data["decision"] == "send"]
    assert len(sends) == 3  # budget.all.1d = 3
    assert all(data["decision"] == "defer" for _, data in answers if data not in sends)


def test_asks_spread_over_days_never_overfill_a_window(server):
    start = datetime.datetime(2030, 3, 5, tzinfo=datetime.timezone.utc)

    def spread(rng, n):
        return [touch(person="busy", at=(start + datetime.timedelta(
            minutes=rng.randrange(3 * 24 * 60))).strftime("%Y-%m-%dT%H:%M:00Z"))
            for _ in range(n)]

    answers = run_clients(server, spread)
    sent = sorted(datetime.datetime.strptime(data["at"], "%Y-%m-%dT%H:%M:%S%z")
                  for _, data in answers if data["decision"] == "send")
    assert len(sent) >= 3
    # No four sends within less than a day of each other (rolling 1d window of 3).
    for index in range(len(sent) - 3):
        assert sent[index + 3] - sent[index] >= datetime.timedelta(days=1), sent[index:index + 4]
    # What the store recorded is exactly what was answered "send".
    _, _, why = server.request("GET", "/v1/people/busy/why?at=2030-03-08T00:00:00Z")
    recorded = [h["at"] for h in why["history"]]
    assert len(recorded) == len(sent)
