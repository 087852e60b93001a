"""The original Sparkify notebook's load step, as a baseline for `npm run bench`.

Same method as the notebook: the DataStax Python driver, the merged CSV read with csv.reader once per
table, and for every row one synchronous, unprepared `session.execute` of an INSERT with %s markers
(the driver formats the values into the CQL text). Only the table and column names are this
project's, so the rows land in the same three tables as our loader's.

usage: python load_original.py HOST PORT KEYSPACE MERGED_CSV [LIMIT]
Prints one JSON line: rows per table, seconds, inserts per second.
"""
import csv
import json
import sys
import time

from cassandra.cluster import Cluster


def main() -> None:
    host, port, keyspace, file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else None

    cluster = Cluster([host], port=port)
    session = cluster.connect()
    session.set_keyspace(keyspace)

    tables = [
        ("INSERT INTO songs_by_session (session_id, item_in_session, artist, song, length) VALUES (%s, %s, %s, %s, %s)",
         lambda line: (int(line[8]), int(line[3]), line[0], line[9], float(line[5]))),
        ("INSERT INTO songs_by_user_session (user_id, session_id, item_in_session, artist, song, first_name, last_name) "
         "VALUES (%s, %s, %s, %s, %s, %s, %s)",
         lambda line: (int(line[10]), int(line[8]), int(line[3]), line[0], line[9], line[1], line[4])),
        ("INSERT INTO listeners_by_song (song, user_id, first_name, last_name) VALUES (%s, %s, %s, %s)",
         lambda line: (line[9], int(line[10]), line[1], line[4])),
    ]

    started = time.time()
    inserts = 0
    rows = 0
    for query, values in tables:
        rows = 0
        with open(file, encoding='utf8') as f:
            csvreader = csv.reader(f)
            next(csvreader)  # skip header
            for line in csvreader:
                if limit is not None and rows >= limit:
                    break
                session.execute(query, values(line))
                rows += 1
                inserts += 1
    seconds = time.time() - started
    cluster.shutdown()
    print(json.dumps({"rows": rows, "inserts": inserts, "seconds": seconds, "insertsPerSecond": inserts / seconds}))


if __name__ == '__main__':
    main()
