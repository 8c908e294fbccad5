#!/usr/bin/python3
"""Loads Hookline's finished calls (topic call.sessions.v1) into PostgreSQL's call_sessions table.

Needs Debian's python3-confluent-kafka, python3-avro and python3-psycopg2 (run it with
/usr/bin/python3), and the table of examples/postgres/call_sessions.sql.

    /usr/bin/python3 examples/python/sessions_to_postgres.py --bootstrap-server localhost:9092 \\
        --dsn "host=localhost dbname=hookline user=hookline"

Reads either value format (avro-single-object, json). Each batch is upserted by session id and
committed in PostgreSQL first, then its Kafka offsets are committed: after a crash the last batch
is read again and upserted again, so nothing is lost and nothing doubles. A value that cannot be
decoded is reported on stderr and skipped.
"""

import argparse
import sys
import time

import psycopg2
import psycopg2.extras
from confluent_kafka import Consumer

import hookline_values

# Table column and CallSession field, in the order of CallSession.avsc.
COLUMNS = [
    ("session_id", "sessionId"), ("device_id", "deviceId"), ("line", "line"), ("direction", "direction"),
    ("local_user", "localUser"), ("local_host", "localHost"), ("remote_user", "remoteUser"),
    ("remote_host", "remoteHost"), ("remote_display_name", "remoteDisplayName"), ("call_id", "callId"),
    ("started_at", "startedAt"), ("ringing_at", "ringingAt"), ("answered_at", "answeredAt"),
    ("ended_at", "endedAt"), ("ring_millis", "ringMillis"), ("talk_millis", "talkMillis"),
    ("hold_millis", "holdMillis"), ("outcome", "outcome"), ("transfer_target", "transferTarget"),
    ("event_count", "eventCount"), ("vendor", "vendor"), ("model", "model"),
]
UPSERT = (
    f"INSERT INTO call_sessions ({', '.join(column for column, _ in COLUMNS)}, loaded_at)"
    f" VALUES ({', '.join(f'%({field})s' for _, field in COLUMNS)}, now())"
    f" ON CONFLICT (session_id) DO UPDATE SET"
    f" {', '.join(f'{column} = EXCLUDED.{column}' for column, _ in COLUMNS[1:])}, loaded_at = now()"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-server", default="localhost:9092")
    parser.add_argument("--topic", default="call.sessions.v1")
    parser.add_argument("--group", default="hookline-postgres", help="consumer group; its offsets say what is loaded")
    parser.add_argument("--dsn", default="", help="libpq connection string (default: the PG* environment variables)")
    parser.add_argument("--schemas", default=str(hookline_values.DEFAULT_SCHEMAS), help="folder of the .avsc files")
    parser.add_argument("--format", choices=hookline_values.FORMATS, default="auto")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--max-records", type=int, help="stop after this many records")
    parser.add_argument("--timeout", type=float, help="stop when nothing arrives for this many seconds")
    args = parser.parse_args()

    schemas = hookline_values.load_schemas(args.schemas)
    database = psycopg2.connect(args.dsn)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap_server,
        "group.id": args.group,
        "enable.auto.commit": False,  # offsets are committed after the database commit, below
        "auto.offset.reset": "earliest",
    })
    consumer.subscribe([args.topic])
    records = loaded = skipped = 0
    last_arrival = time.monotonic()
    try:
        while args.max_records is None or records < args.max_records:
            if args.timeout is not None and time.monotonic() - last_arrival > args.timeout:
                break
            wanted = args.batch_size if args.max_records is None else min(args.batch_size, args.max_records - records)
            messages = consumer.consume(num_messages=wanted, timeout=0.5)
            if not messages:
                continue
            last_arrival = time.monotonic()
            for message in messages:
                if message.error():
                    print(f"kafka: {message.error()}", file=sys.stderr)
            messages = [message for message in messages if not message.error()]
            if not messages:
                continue
            sessions = []
            for message in messages:
                records += 1
                try:
                    session = hookline_values.decode(message.value(), schemas, args.format)
                except hookline_values.UndecodableValue as error:
                    skipped += 1
                    where = f"{message.topic()}[{message.partition()}]@{message.offset()}"
                    print(f"skipped {where}: {error}", file=sys.stderr)
                    continue
                sessions.append({field: session.get(field) for _, field in COLUMNS})
            with database.cursor() as cursor:
                psycopg2.extras.execute_batch(cursor, UPSERT, sessions)
            database.commit()
            consumer.commit(asynchronous=False)
            loaded += len(sessions)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
        database.close()
    print(f"loaded {loaded} session(s) from {records} record(s), {skipped} skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
