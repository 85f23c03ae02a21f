"""The tracker: scored, attributed, dated statements on Turkey's relations with Russia and the West.

The package holds all logic; ``dashboard.py`` and the ``tracker`` CLI are thin shells over it.
It never imports streamlit.
"""

__version__ = "0.1.0"
