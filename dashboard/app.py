"""Entry point: page routing and the shared shell (filter bar, problems panel)."""

from pathlib import Path

import streamlit as st

from dashboard.ui.shell import data, filter_bar, problems_panel

PAGES_DIR = Path(__file__).parent / "pages"

st.set_page_config(page_title="Iran–Russia Arms Dashboard", page_icon="🛰️", layout="wide")

navigation = st.navigation([
    st.Page(PAGES_DIR / "overview.py", title="Overview", url_path="overview", default=True),
    st.Page(PAGES_DIR / "dictionary.py", title="Data dictionary", url_path="dictionary"),
])
filter_bar()
problems_panel(data())
navigation.run()
