"""Scale-out: a batch on a local 2-worker Dask cluster gives exactly the reports of a local run."""

from __future__ import annotations

import json
import sys

import pytest

from onrecord.cli import main

distributed = pytest.importorskip("distributed")


def test_batch_on_dask_matches_local(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"a{i}", "headline": f"Varga says strike {i} will end",
             "body": f"“Strike {i} will end,” Varga said. Brandt may believe it could last."} for i in range(12)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows[:6]) + "{bad json\n"
                   + "".join(json.dumps(r) + "\n" for r in rows[6:]))
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["check", "--batch", str(src), "--out", str(local), "--no-progress"]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        rc = main(["check", "--batch", str(src), "--out", str(remote), "--no-progress",
                   "--scheduler", cluster.scheduler_address])
        with distributed.Client(cluster.scheduler_address) as client:
            # the nanny put MALLOC_TRIM_THRESHOLD_ in the workers' environment; a worker that ran audits
            # has reset its malloc thresholds (two chunks: at least one worker ran one)
            assert all(client.run(lambda: bool(__import__("os").environ.get("MALLOC_TRIM_THRESHOLD_"))).values())
            assert any(client.run(_malloc_checked).values())
    assert rc == 0
    assert remote.read_text() == local.read_text()          # same reports, same order
    assert "in.jsonl:7" in capsys.readouterr().err           # the bad line is reported in place


def _malloc_checked() -> bool:
    return bool(getattr(sys.modules.get("onrecord.audit"), "_malloc_checked", False))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc mallopt")
def test_malloc_thresholds_restored_once_under_dask_setting(monkeypatch):
    mod = sys.modules["onrecord.audit"]
    monkeypatch.setattr(mod, "_malloc_checked", False)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    assert mod._restore_malloc_thresholds() is False        # not under a nanny: glibc's defaults stay
    monkeypatch.setattr(mod, "_malloc_checked", False)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    assert mod._restore_malloc_thresholds() is True         # mallopt accepted both thresholds
    assert mod._restore_malloc_thresholds() is False        # once per process


def test_unreachable_scheduler_is_one_line(tmp_path, capsys, monkeypatch):
    # the package re-exports the audit() function as onrecord.audit, so patch the module itself
    monkeypatch.setattr(sys.modules["onrecord.audit"], "DASK_CONNECT_TIMEOUT", "2s")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"headline": "A says B", "body": "A said B."}) + "\n")
    rc = main(["check", "--batch", str(src), "--out", str(tmp_path / "o.jsonl"), "--no-progress",
               "--scheduler", "tcp://127.0.0.1:1"])
    err = capsys.readouterr().err
    assert rc == 2 and "Dask scheduler" in err and "Traceback" not in err
