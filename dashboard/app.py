"""Entry point: page routing and the shared shell (filter bar, problems panel)."""

import streamlit as st

from dashboard.ui.shell import filter_bar, problems_panel

st.set_page_config(page_title="Iran–Russia Arms Dashboard", page_icon="🛰️", layout="wide")

navigation = st.navigation([
    st.Page("views/overview.py", title="Overview", url_path="overview", default=True),
    st.Page("views/strikes.py", title="Strikes", url_path="strikes"),
    st.Page("views/suppliers.py", title="Suppliers", url_path="suppliers"),
    st.Page("views/deals.py", title="Deals & routes", url_path="deals"),
    st.Page("views/sanctions.py", title="Sanctions", url_path="sanctions"),
    st.Page("views/systems.py", title="Weapon systems", url_path="systems"),
    st.Page("views/dictionary.py", title="Data dictionary", url_path="dictionary"),
])
filter_bar()
problems_panel()
navigation.run()
