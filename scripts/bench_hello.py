"""The ceiling of the benchmark: a bare Flask hello endpoint, served like the app."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """The smallest useful answer."""
    return "Hallo"
