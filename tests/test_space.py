"""The Space's app file, started the way Spaces starts it (`python app.py`, port from the
environment), with a tiny local model instead of the hub checkpoint."""

import os
import subprocess
import sys
import time
import urllib.request

from tests.conftest import PROJECT
from tests.test_review_app import free_port

ARTICLE = (
    "پوتین به تهران آمد\n\nولادیمیر پوتین رئیس جمهور روسیه امروز برای دیدار با مقامات ایران "
    "وارد تهران شد. او درباره همکاری‌های اقتصادی دو کشور گفت‌وگو کرد."
)


def test_space_serves_the_page_and_translates(tiny_model_dir, tmp_path):
    from gradio_client import Client

    port = free_port()
    env = {
        **os.environ,
        "WORKBENCH_MODEL": str(tiny_model_dir),
        "WORKBENCH_OUT": str(tmp_path / "space"),
        "GRADIO_SERVER_PORT": str(port),
        "GRADIO_SERVER_NAME": "127.0.0.1",
    }
    log = (tmp_path / "space.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "app.py"], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, (tmp_path / "space.log").read_text()
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert response.status == 200
                    assert "Workbench review" in response.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "the Space did not start in 4 minutes"
                time.sleep(2)
        client = Client(url, verbose=False)
        rows = client.predict("all", "all", api_name="/documents")
        assert len(rows) == 5 and all(row[4] == row[3] for row in rows)  # seeds all translated
        message = client.predict(ARTICLE, api_name="/add_article")
        assert message.startswith("Added pasted-") and "not translated" not in message
        rows = client.predict("all", "all", api_name="/documents")
        assert len(rows) == 6
    finally:
        server.terminate()
        server.wait(30)
