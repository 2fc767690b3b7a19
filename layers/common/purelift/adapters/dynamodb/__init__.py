"""The DynamoDB single table (SPEC §6): `table` (client, codec, errors) and one module per kind of record.

| item         | module         | PK                   | SK              | GSI1PK          | GSI1SK                 |
|--------------|----------------|----------------------|-----------------|-----------------|------------------------|
| job          | `jobs`         | `JOB#{job}`          | `META`          | `USER#{owner}`  | `JOB#{created}#{job}`  |
| batch marker | `jobs`         | `JOB#{job}`          | `BATCH#{index}` |                 |                        |
| push lease   | `jobs`         | `JOB#{job}`          | `PUSH`          |                 |                        |
| idempotency  | `jobs`         | `IDEMP#{user}#{key}` | `META`          |                 |                        |
| share        | `sharing`      | `JOB#{job}`          | `SHARE#{team}`  | `TEAM#{team}`   | `SHARE#{job}`          |
| team         | `sharing`      | `TEAM#{team}`        | `META`          | `TEAMS`         | `TEAM#{name}#{team}`   |
| member       | `sharing`      | `TEAM#{team}`        | `MEMBER#{user}` | `USER#{user}`   | `TEAM#{team}`          |
| connection   | `connections`  | `CONN#{conn}`        | `META`          |                 |                        |
| subscription | `connections`  | `JOB#{job}`          | `CONN#{conn}`   | `CONN#{conn}`   | `SUB#{job}`            |

Everything under `JOB#{job}` goes when the job is deleted. Shares, idempotency keys, markers, leases,
connections and subscriptions carry `ttl` (epoch seconds); expired shares and connections are also filtered
when read.
"""
