"""CLI contracts through `regia`'s own entry point (in process, and once as a separate program):
stdout carries only data, bad input exits with code 2 and a message on stderr."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from regia.aids.catalogue import all_aids
from regia.cli import main

QRELS = Path(__file__).resolve().parents[2] / "benchmarks" / "aids" / "queries.jsonl"


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def regia(*args: str, stdin: str = "") -> Done:
    """Run `regia ARGS` through its entry point, capturing its exit code and both streams."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with (
        mock.patch.object(sys, "argv", ["regia", *args]),
        mock.patch.object(sys, "stdin", io.StringIO(stdin)),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Done(code, out.getvalue(), err.getvalue())


def test_the_program_prints_pure_json(loaded):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "regia.cli",
            "aids",
            "search",
            "aide achat vélo",
            "--commune",
            "75056",
            "--json",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["place"]["insee"] == "75056"


def test_search_json_contract(loaded):
    done = regia("aids", "search", "j'habite à Rennes, une réduction sur le bus ?", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["query"] == "j'habite à Rennes, une réduction sur le bus ?"
    assert {"insee", "name", "department", "region", "guessed"} <= set(data["place"])
    assert data["place"]["insee"] == "35238"
    assert 1 <= len(data["results"]) <= 10
    for result in data["results"]:
        assert isinstance(result["id"], str) and isinstance(result["title"], str)
        assert isinstance(result["institution"], str) and isinstance(result["url"], str)
        assert isinstance(result["score"], float)
    assert "rennes_metropole_transport" in [r["id"] for r in data["results"][:3]]


def test_batch_reads_jsonl_and_writes_jsonl(loaded, tmp_path):
    lines = [
        json.dumps({"qid": "a", "query": "aide achat vélo à Paris"}),
        "",
        json.dumps({"qid": "b", "query": "prime d'activité"}),
    ]
    done = regia("aids", "search", "--batch", "-", stdin="\n".join(lines))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["qid"] for o in out] == ["a", "b"]
    assert out[0]["place"]["insee"] == "75056" and out[1]["place"] is None
    assert len(out[0]["results"]) == 10 and set(out[0]["results"][0]) == {"id", "score"}
    assert out[1]["results"][0]["id"] == "ppa"


def test_bad_inputs_exit_2_with_a_message_and_no_data(loaded, tmp_path):
    corrupt = tmp_path / "benefits.json.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    bad_batch = tmp_path / "bad.jsonl"
    bad_batch.write_text('{"qid": "a", "query": "vélo"}\n{"qid": "b", "query": \n')
    cases = [
        ("aids", "search", "", "--json"),
        ("aids", "search", "vélo " * 2000, "--json"),
        ("aids", "search", "aide vélo", "--commune", "Zzyzxville-sur-Nowhere", "--json"),
        ("aids", "search", "--batch", str(bad_batch)),
        ("aids", "evaluate", str(bad_batch)),
        ("aids", "import", "--source", "aides-jeunes", str(corrupt)),
        ("aids", "import", "--source", "aides-nowhere", str(corrupt)),
    ]
    for args in cases:
        done = regia(*args)
        assert done.returncode == 2, (args[:3], done.stderr)
        assert done.stdout == ""
        assert done.stderr.startswith("Erreur")
    assert "ligne 2" in regia("aids", "search", "--batch", str(bad_batch)).stderr
    assert "corrompu" in regia("aids", "import", "--source", "aides-jeunes", str(corrupt)).stderr
    assert len(all_aids()) == 1165  # nothing lost


def test_evaluate_prints_metrics_overall_and_per_tag(loaded, tmp_path):
    subset = tmp_path / "qrels.jsonl"
    subset.write_text("\n".join(QRELS.read_text(encoding="utf-8").splitlines()[:7]) + "\n")
    done = regia("aids", "evaluate", str(subset), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    overall = report["overall"]
    assert overall["queries"] == 7
    assert 0 <= overall["ndcg@10"] <= 1 and 0 <= overall["recall@10"] <= 1
    assert overall["out_of_territory@10"] == 0
    assert "geo+" in report["by_tag"]
    table = regia("aids", "evaluate", str(subset))
    assert "nDCG@10" in table.stdout and "geo+" in table.stdout


def test_show_and_report(loaded):
    done = regia("aids", "show", "aides . paris", "--json")
    assert json.loads(done.stdout)["perimeter"]["communes"] == ["75056"]
    assert regia("aids", "show", "nope-nope").returncode == 2
    report = json.loads(regia("aids", "report", "--json").stdout)
    assert {r["source"] for r in report["imports"]} == {"aides-jeunes", "aides-velo", "aides-territoires"}
    assert report["undetermined"] and all(item["note"] for item in report["undetermined"])


def test_cli_ask_json_contract(loaded):
    done = regia("aids", "ask", "je cherche une aide pour le permis", "--json")
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout)
    assert {"session", "answer", "aids", "question", "profile"} <= set(first)
    assert first["question"] == {"slot": "place", "text": first["question"]["text"]}
    done = regia("aids", "ask", "Lille", "--session", first["session"], "--json")
    second = json.loads(done.stdout)
    assert second["session"] == first["session"] and second["profile"]["place"]["name"] == "Lille"


def test_cli_bad_input(loaded):
    for args in (
        ["aids", "ask", ""],
        ["aids", "ask", "x" * 3000],
        ["aids", "ask", "bonjour", "--session", "inconnue-0123456789"],
    ):
        done = regia(*args, "--json")
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith("Erreur : ")


def test_cli_why_and_demand(loaded):
    done = regia("aids", "why", "pass_culture", "--age", "24", "--json")
    data = json.loads(done.stdout)
    assert data["status"] == "ineligible" and data["reasons"] == ["réservée aux 15-20 ans (vous avez 24 ans)"]
    assert regia("aids", "why", "pass_culture", "--status", "astronaute").returncode == 2
    done = regia("aids", "demand", "--json")
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert {"requests", "needs", "departments"} <= set(report)
