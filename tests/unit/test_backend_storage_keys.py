"""The bucket layout of SPEC §6, pinned once: every writer and reader takes its keys from `storage_keys`, so
this is the one place a key is spelled out (and the template's lifecycle rules and IAM prefixes rely on it)."""

from __future__ import annotations

from purelift.domain import storage_keys as keys

JOB = "0f" * 16


def test_each_object_has_the_key_of_spec_6() -> None:
    assert keys.upload_key(JOB) == f"uploads/{JOB}/source.zip"
    assert keys.batch_key(JOB, 7) == f"jobs/{JOB}/sources/00007.json"
    assert keys.manifest_key(JOB) == f"jobs/{JOB}/manifest.json"
    assert keys.summaries_key(JOB, 12) == f"jobs/{JOB}/summaries/00012.json"
    assert keys.result_key(JOB) == f"results/{JOB}.json"
    assert [keys.export_key(JOB, fmt) for fmt in ("json", "csv", "zip")] == [
        f"exports/{JOB}.json",
        f"exports/{JOB}.csv",
        f"exports/{JOB}.zip",
    ]


def test_deleting_a_job_reaches_every_object_it_has_and_no_other_jobs() -> None:
    # Given every object of a job, and of another job whose id starts with this one's
    other = JOB + "ff"
    objects = [
        keys.upload_key(JOB),
        keys.batch_key(JOB, 0),
        keys.manifest_key(JOB),
        keys.summaries_key(JOB, 0),
        keys.result_key(JOB),
        *(keys.export_key(JOB, fmt) for fmt in ("json", "csv", "zip")),
    ]
    others = [keys.upload_key(other), keys.result_key(other), keys.export_key(other, "zip")]
    # When the job's prefixes are listed
    prefixes = keys.job_prefixes(JOB)
    # Then each object of the job is under one of them, and no object of the other job is
    assert all(any(key.startswith(prefix) for prefix in prefixes) for key in objects)
    assert not any(key.startswith(prefix) for key in others for prefix in prefixes)
