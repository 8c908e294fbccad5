#!/usr/bin/python3
"""Reads Hookline's finished calls (topic call.sessions.v1) and prints one JSON line per call.

Needs Debian's python3-confluent-kafka and python3-avro (run it with /usr/bin/python3).

    /usr/bin/python3 examples/python/read_sessions.py --bootstrap-server localhost:9092 --from-beginning

Values in Avro single-object encoding are decoded with the .avsc files of --schemas; values in
the json format are printed as they are. Both print the same line for the same call. A value
that cannot be decoded is reported on stderr and skipped.
"""

import argparse
import json
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError

import hookline_values


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap-server", default="localhost:9092")
    parser.add_argument("--topic", default="call.sessions.v1")
    parser.add_argument("--schemas", default=str(hookline_values.DEFAULT_SCHEMAS), help="folder of the .avsc files")
    parser.add_argument("--format", choices=hookline_values.FORMATS, default="auto")
    parser.add_argument("--from-beginning", action="store_true", help="read the records already on the topic too")
    parser.add_argument("--max-records", type=int, help="stop after this many records")
    parser.add_argument("--timeout", type=float, help="stop when nothing arrives for this many seconds")
    args = parser.parse_args()

    schemas = hookline_values.load_schemas(args.schemas)
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap_server,
        "group.id": f"read-sessions-{uuid.uuid4()}",  # a group of its own: it commits nothing
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest" if args.from_beginning else "latest",
    })
    consumer.subscribe([args.topic])
    records = 0
    last_arrival = time.monotonic()
    try:
        while args.max_records is None or records < args.max_records:
            if args.timeout is not None and time.monotonic() - last_arrival > args.timeout:
                break
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                if message.error().code() != KafkaError._PARTITION_EOF:
                    print(f"kafka: {message.error()}", file=sys.stderr)
                continue
            records += 1
            last_arrival = time.monotonic()
            try:
                session = hookline_values.decode(message.value(), schemas, args.format)
            except hookline_values.UndecodableValue as error:
                where = f"{message.topic()}[{message.partition()}]@{message.offset()}"
                print(f"skipped {where}: {error}", file=sys.stderr)
                continue
            print(json.dumps(session), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
