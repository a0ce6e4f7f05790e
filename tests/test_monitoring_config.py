"""What watches contest day holds together: Prometheus accepts its configuration, the alerts pass
their own unit tests (deploy/prometheus/alerts_test.yml), and the alerts and the Grafana
dashboard read only figures the app exposes (lms.core.metrics.METRIC_NAMES)."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
PROMETHEUS = DEPLOY / "prometheus"
DASHBOARD = DEPLOY / "grafana" / "contest-day.json"
TOKEN_FILE = "/etc/prometheus/hocbinhdang-metrics-token"

needs_promtool = pytest.mark.skipif(
    shutil.which("promtool") is None,
    reason="promtool is missing: `apt-get install prometheus` (CI installs it and runs it itself)",
)


def promtool(*args: str, cwd: Path = PROMETHEUS) -> str:
    done = subprocess.run(["promtool", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"promtool {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def alert_rules() -> list[dict]:
    groups = yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def dashboard_panels() -> list[dict]:
    panels = []
    for panel in json.loads(DASHBOARD.read_text())["panels"]:
        panels += [panel, *panel.get("panels", [])]  # a collapsed row holds its panels
    return [panel for panel in panels if panel["type"] != "row"]


def dashboard_expressions() -> list[str]:
    return [target["expr"] for panel in dashboard_panels() for target in panel["targets"]]


_GRAFANA_INTERVAL = re.compile(r"\$__\w+")
_GRAFANA_VARIABLE = re.compile(r"\$\{\w+\}|\$\w+")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_NAME = re.compile(r"(?<![\w.:])([A-Za-z_:][\w:]*)(?![\w:])(?!\s*\()")
_KEYWORDS = {"and", "or", "unless", "bool", "offset", "inf", "nan", "by", "without", "on"}


def prometheus_query(expr: str) -> str:
    """A dashboard's expression as Prometheus would get it (Grafana's variables filled in)."""
    return _GRAFANA_VARIABLE.sub("", _GRAFANA_INTERVAL.sub("1m", expr))


def metric_names(expr: str) -> set[str]:
    """The series an expression reads: what is left once strings, label matchers, ranges,
    grouping clauses, functions and keywords are taken out."""
    expr = _STRING.sub('""', prometheus_query(expr))
    expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", expr)
    expr = _GROUPING.sub(" ", expr)
    return {name for name in _NAME.findall(expr) if name.lower() not in _KEYWORDS}


def family(name: str) -> str:
    """hocbinhdang_x_seconds_bucket -> hocbinhdang_x_seconds: the name a histogram is known by."""
    return re.sub(r"_(bucket|count|sum)$", "", name)


def test_metric_names_are_read_from_an_expression():
    expr = (
        "histogram_quantile(0.95, sum by (le) ("
        'rate(hocbinhdang_http_request_duration_seconds_bucket{view=~"a|b"}[5m])))'
        " > 0.5 and on (way) sum(rate(hocbinhdang_http_requests_total[$__rate_interval])) > 0.1"
        ' or up{job="x"} == 0 unless absent(hocbinhdang_cache_up offset 5m)'
    )
    assert metric_names(expr) == {
        "hocbinhdang_http_request_duration_seconds_bucket",
        "hocbinhdang_http_requests_total",
        "up",
        "hocbinhdang_cache_up",
    }


# --- promtool ----------------------------------------------------------------------------


@needs_promtool
def test_prometheus_accepts_the_configuration_and_its_rule_files(tmp_path):
    """promtool wants the token file to exist: the configuration is checked as installed, with
    only the token's path moved to a file of the test's own."""
    config = (PROMETHEUS / "prometheus.yml").read_text()
    assert TOKEN_FILE in config
    token = tmp_path / "token"
    token.write_text("a-token-for-the-check")
    (tmp_path / "prometheus.yml").write_text(config.replace(TOKEN_FILE, str(token)))
    shutil.copy(PROMETHEUS / "alerts.yml", tmp_path)
    out = promtool("check", "config", str(tmp_path / "prometheus.yml"))
    assert "alerts.yml" in out  # the rule file was found next to the configuration and checked


@needs_promtool
def test_the_alert_rules_are_valid():
    promtool("check", "rules", "alerts.yml")


@needs_promtool
def test_each_alert_fires_in_its_bad_case_and_a_quiet_site_fires_nothing():
    promtool("test", "rules", "alerts_test.yml")


@needs_promtool
def test_every_dashboard_expression_is_valid_promql(tmp_path):
    """Recording rules made of the dashboard's queries: promtool parses each of them."""
    rules = [
        {"record": f"dashboard:query_{number}", "expr": prometheus_query(expr)}
        for number, expr in enumerate(dashboard_expressions())
    ]
    (tmp_path / "dashboard.yml").write_text(
        yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]})
    )
    promtool("check", "rules", "dashboard.yml", cwd=tmp_path)


# --- What the configuration says ---------------------------------------------------------


def test_prometheus_scrapes_both_app_servers_with_the_token_and_the_worker():
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    assert config["global"]["scrape_interval"] == "15s"
    assert config["rule_files"] == ["alerts.yml"]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    app, worker = jobs["hocbinhdang-app"], jobs["hocbinhdang-worker"]
    assert app["authorization"]["credentials_file"] == TOKEN_FILE
    assert app["static_configs"][0]["targets"] == ["127.0.0.1:8001", "127.0.0.1:8002"]
    nginx = (DEPLOY / "nginx" / "hocbinhdang.conf").read_text()
    for target in app["static_configs"][0]["targets"]:
        assert f"server {target} " in nginx, f"{target} is not in the nginx upstream"
    assert worker["static_configs"][0]["targets"] == ["127.0.0.1:9101"]
    assert "authorization" not in worker


def test_every_alert_says_how_bad_it_is_and_what_it_means():
    rules = alert_rules()
    assert len(rules) >= 10
    for rule in rules:
        assert rule["labels"]["severity"] in {"page", "warn"}, rule["alert"]
        assert rule["annotations"]["summary"].strip(), rule["alert"]
        assert len(rule["annotations"]["description"]) > 40, rule["alert"]
    tested = (PROMETHEUS / "alerts_test.yml").read_text()
    for rule in rules:
        assert f"alertname: {rule['alert']}," in tested, f"{rule['alert']} is never tested"


def test_every_dashboard_panel_has_a_title_and_a_query():
    panels = dashboard_panels()
    dashboard = json.loads(DASHBOARD.read_text())
    assert 35 <= dashboard["schemaVersion"] <= 41
    assert len(panels) >= 14
    for panel in panels:
        assert panel.get("title"), panel
        assert panel["targets"] and all(t.get("expr") for t in panel["targets"]), panel["title"]
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
    [variable] = dashboard["templating"]["list"]
    assert (variable["name"], variable["type"]) == ("datasource", "datasource")


def test_alerts_and_dashboard_read_only_metrics_the_app_exposes():
    from lms.core.metrics import METRIC_NAMES

    known = METRIC_NAMES | {"up"}
    used = {
        where: set().union(*(metric_names(expr) for expr in exprs))
        for where, exprs in (
            ("alerts.yml", [rule["expr"] for rule in alert_rules()]),
            (DASHBOARD.name, dashboard_expressions()),
        )
    }
    for where, names in used.items():
        unknown = {name for name in names if name not in known and family(name) not in known}
        assert not unknown, f"{where} reads metrics the app does not expose: {sorted(unknown)}"
    assert "hocbinhdang_http_request_duration_seconds_bucket" in used["alerts.yml"]
    assert "up" in used["alerts.yml"]
    # The dashboard shows every figure the app exposes.
    shown = {family(name) for name in used[DASHBOARD.name]} | used[DASHBOARD.name]
    assert known <= shown, f"not on the dashboard: {sorted(known - shown)}"
