"""Entry point: page routing and the shared shell (filter bar, problems panel)."""

import streamlit as st

from dashboard.ui.shell import apply_style, briefing_mode, filter_bar, problems_panel, read_filters

brief = briefing_mode()
st.set_page_config(page_title="Iran–Russia Arms Dashboard", page_icon="🛰️", layout="wide",
                   initial_sidebar_state="collapsed" if brief else "auto")
apply_style(brief)

navigation = st.navigation([
    st.Page("views/overview.py", title="Overview", url_path="home", default=True),
    # The default page is served at "/" whatever its url_path; this hidden twin keeps /overview links working.
    st.Page("views/overview.py", title="Overview", url_path="overview", visibility="hidden"),
    st.Page("views/strikes.py", title="Strikes", url_path="strikes"),
    st.Page("views/suppliers.py", title="Suppliers", url_path="suppliers"),
    st.Page("views/deals.py", title="Deals & routes", url_path="deals"),
    st.Page("views/sanctions.py", title="Sanctions", url_path="sanctions"),
    st.Page("views/systems.py", title="Weapon systems", url_path="systems"),
    st.Page("views/timeline.py", title="Timeline", url_path="timeline"),
    st.Page("views/map.py", title="Map", url_path="map"),
    st.Page("views/data.py", title="Data & sources", url_path="data"),
    st.Page("views/search.py", title="Search", url_path="search"),
])
read_filters()
filter_bar()
problems_panel()
navigation.run()
