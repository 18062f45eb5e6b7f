"""Plain-Python candidate-proposing deferred acceptance: the reference the matching benchmark
compares Cohorte with (crates/domain/benches/matching.rs writes the instance and runs this).

    python3 da.py INSTANCE OUTPUT [ROUNDS]

INSTANCE: first line "n m"; then n lines, each candidate's lists best first; then m lines,
"seats c1 c2 ..." (the list's ranking, best first). Writes one line per candidate to OUTPUT (the
list index, or -1) and prints the median times, in seconds, as JSON. Loading the file is not
timed; preparing the rank lookups is timed apart from solving.
"""
import heapq
import json
import statistics
import sys
import time


def load(path):
    with open(path) as f:
        n, m = map(int, f.readline().split())
        choices = [list(map(int, f.readline().split())) for _ in range(n)]
        seats, rankings = [], []
        for _ in range(m):
            parts = list(map(int, f.readline().split()))
            seats.append(parts[0])
            rankings.append(parts[1:])
    return choices, seats, rankings


def prepare(rankings):
    return [{c: r for r, c in enumerate(ranking)} for ranking in rankings]


def deferred_acceptance(choices, seats, rank):
    n = len(choices)
    nxt = [0] * n
    held = [[] for _ in seats]  # max-heap of (-rank, candidate) per list
    free = list(range(n - 1, -1, -1))
    while free:
        c = free.pop()
        prefs = choices[c]
        while nxt[c] < len(prefs):
            j = prefs[nxt[c]]
            nxt[c] += 1
            r = rank[j].get(c)
            if r is None or seats[j] == 0:
                continue
            h = held[j]
            if len(h) < seats[j]:
                heapq.heappush(h, (-r, c))
                break
            if -h[0][0] > r:
                _, d = heapq.heapreplace(h, (-r, c))
                free.append(d)
                break
    assigned = [-1] * n
    for j, h in enumerate(held):
        for _, c in h:
            assigned[c] = j
    return assigned


def main():
    choices, seats, rankings = load(sys.argv[1])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    prep, solve = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        rank = prepare(rankings)
        prep.append(time.perf_counter() - t)
        t = time.perf_counter()
        assigned = deferred_acceptance(choices, seats, rank)
        solve.append(time.perf_counter() - t)
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(map(str, assigned)) + "\n")
    print(json.dumps({"prepare_s": statistics.median(prep), "solve_s": statistics.median(solve)}))


if __name__ == "__main__":
    main()
