"""The expected figures of an event folder, computed with Python's csv module alone (no code of lib/).

    python3 test/support/expected.py event_data            # the sample month
    python3 test/support/expected.py ../shared/event_data  # the original 2018-11 files

Prints the figures test/support/datasets.ts holds for that folder, as JSON: what the merge counts, the rows
each table keeps (a primary key keeps the last play written for it), the answers to the four questions
with the exercise's parameters, what question 3 keyed by song alone loses, and rows per partition.
The tests compare lib's results with these numbers, so they must not come from lib.
"""

import csv
import glob
import json
import math
import os
import sys

Q1 = (338, 4)
Q2 = (10, 182)
Q3 = "All Hands Against His Own"
Q4_USER = 10
Q3B_ARTIST = "The Black Keys"


def plays_of(folder):
    files = sorted(glob.glob(os.path.join(folder, "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-events.csv")))
    rows_read = page_views = 0
    plays = []
    for name in files:
        with open(name, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                rows_read += 1
                if row["artist"] == "":
                    page_views += 1
                    continue
                plays.append({
                    "artist": row["artist"], "first": row["firstName"], "last": row["lastName"], "song": row["song"],
                    "length": float(row["length"]), "item": int(row["itemInSession"]), "session": int(row["sessionId"]),
                    "user": int(row["userId"]), "level": row["level"],
                })
    return len(files), rows_read, page_views, plays


def keep_last(plays, key):
    """The rows a table keyed by `key` holds: one per key, the last play written for it."""
    table = {}
    for p in plays:
        table[key(p)] = p
    return table


def spread(table, partition):
    counts = {}
    for k in table:
        counts[partition(k)] = counts.get(partition(k), 0) + 1
    v = sorted(counts.values())
    mid = len(v) // 2
    median = v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2
    p99 = v[max(0, math.ceil(0.99 * len(v)) - 1)]
    return {"partitions": len(v), "rows": len(table), "min": v[0], "median": median, "p99": p99, "max": v[-1]}


def dependency(plays, frm, to):
    """Groups of `frm` values, and those where a `to` value varies."""
    seen = {}
    for p in plays:
        seen.setdefault(frm(p), set()).add(to(p))
    return {"groups": len(seen), "violations": sum(1 for v in seen.values() if len(v) > 1)}


def titles_of(plays):
    """Distinct titles, the titles played under more than one artist and their plays, question 3's by artist."""
    artists = {}
    for p in plays:
        artists.setdefault(p["song"], set()).add(p["artist"])
    shared = {t for t, a in artists.items() if len(a) > 1}
    asked = {}
    for p in plays:
        if p["song"] == Q3:
            a = asked.setdefault(p["artist"], {"plays": 0, "users": set()})
            a["plays"] += 1
            a["users"].add(p["user"])
    return {
        "titles": len(artists), "shared": len(shared), "playsOfShared": sum(1 for p in plays if p["song"] in shared),
        "asked": sorted([[artist, a["plays"], len(a["users"])] for artist, a in asked.items()], key=lambda r: -r[1]),
    }


def main(folder):
    files, rows_read, page_views, plays = plays_of(folder)
    by_session = keep_last(plays, lambda p: (p["session"], p["item"]))
    by_user_session = keep_last(plays, lambda p: (p["user"], p["session"], p["item"]))
    listeners = keep_last(plays, lambda p: (p["song"], p["user"]))
    by_song_only = keep_last(plays, lambda p: p["song"])
    q1 = by_session[Q1]
    q2 = sorted((p for k, p in by_user_session.items() if k[:2] == Q2), key=lambda p: p["item"])
    q3 = sorted((p for k, p in listeners.items() if k[0] == Q3), key=lambda p: p["user"])
    q4 = sorted((p for k, p in by_user_session.items() if k[0] == Q4_USER), key=lambda p: (-p["session"], p["item"]))
    name = lambda p: f"{p['first']} {p['last']}"
    by_song_artist = keep_last(plays, lambda p: (p["song"], p["artist"], p["user"]))
    q3b = sorted((p for k, p in by_song_artist.items() if k[:2] == (Q3, Q3B_ARTIST)), key=lambda p: p["user"])
    user_sessions = {k[:2] for k in by_user_session}
    # Values (cells) a table holds: rows x (columns - primary key columns - static columns) + static columns a
    # partition; songs_by_user_session has 7 columns, 3 in its key; its twin makes the two names static.
    values = {
        "songs_by_user_session": 4 * len(by_user_session),
        "songs_by_user_session_static": 2 * len(by_user_session) + 2 * len(user_sessions),
    }
    print(json.dumps({
        "merge": {"files": files, "rowsRead": rows_read, "pageViews": page_views, "plays": len(plays)},
        "tableRows": {
            "songs_by_session": len(by_session), "songs_by_user_session": len(by_user_session),
            "listeners_by_song": len(listeners), "songs_by_user": len(by_user_session),
            "listeners_by_song_only": len(by_song_only), "listeners_by_song_artist": len(by_song_artist),
        },
        "values": values,
        "q3b": [[p["user"], p["first"], p["last"]] for p in q3b],
        "titles": titles_of(plays),
        "dependencies": {
            "session_id -> user_id": dependency(plays, lambda p: p["session"], lambda p: p["user"]),
            "user_id -> first_name, last_name": dependency(plays, lambda p: p["user"], lambda p: (p["first"], p["last"])),
            "user_id -> level": dependency(plays, lambda p: p["user"], lambda p: p["level"]),
        },
        "q1": [[q1["artist"], q1["song"], q1["length"]]],
        "q2": [[p["item"], p["artist"], p["song"], p["first"], p["last"]] for p in q2],
        "q3": [[p["user"], p["first"], p["last"]] for p in q3],
        "q4": {"rows": len(q4), "sessions": len({p["session"] for p in q4}),
               "first": [q4[0]["session"], q4[0]["item"], q4[0]["artist"], q4[0]["song"]],
               "last": [q4[-1]["session"], q4[-1]["item"], q4[-1]["artist"], q4[-1]["song"]]},
        "wrongKey": {"listeners": [name(p) for p in q3], "lastWritten": name(by_song_only[Q3])},
        "partitions": {
            "songs_by_session": spread(by_session, lambda k: k[0]),
            "songs_by_user_session": spread(by_user_session, lambda k: k[:2]),
            "listeners_by_song": spread(listeners, lambda k: k[0]),
            "songs_by_user": spread(by_user_session, lambda k: k[0]),
        },
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
