"""Strikes: the drone war by country of design, from the Ukrainian Air Force record."""

from functools import partial

import streamlit as st

from dashboard.data.store import data_key
from dashboard.transforms.strikes import PERIODS
from dashboard.ui.shell import (active_filters, csv_bytes, page_choice, page_number, plain_markdown, require_tables,
                                show_chart)
from dashboard.ui.strikes_view import strikes_view

st.title("Strikes on Ukraine")
st.caption(
    "Missiles and drones launched at Ukraine as reported by the Ukrainian Air Force (national and regional "
    "commands), one upstream row per weapon model and attack window. Totals follow one counting rule: a "
    "night's national Air Force reports when it has any, otherwise every report of that night."
)

if require_tables(["strikes", "events"]):
    period = page_choice("Group by", PERIODS, param="period", default="month", key="strikes_period")
    top = page_number("Biggest nights shown", param="top", default=10, low=5, high=50, key="strikes_top")
    view = strikes_view(data_key(), active_filters(), period, top)

    if view.rows == 0:
        st.info("No strikes match the filters. Widen the date range or clear the actor filter.")
    else:
        show_chart(view.drones, key="strikes_iranian_drones")
        show_chart(view.share, key="strikes_launch_share")

        st.subheader("Biggest nights for Iranian-designed drones")
        st.dataframe(
            view.nights.drop(columns=["all_sources"]),
            hide_index=True, width="stretch", key="strikes_biggest_nights",
            column_config={
                "night": st.column_config.DateColumn("Night of", format="YYYY-MM-DD",
                                                     help="Date of the evening the attack began"),
                "launched": st.column_config.NumberColumn("Launched", format="%d"),
                "shot_down": st.column_config.NumberColumn("Shot down", format="%d"),
                "lost_ew": st.column_config.NumberColumn("Lost to EW", format="%d"),
                "interception_rate": st.column_config.NumberColumn("Interception rate", format="percent"),
                "reports": st.column_config.NumberColumn("Reports", format="%d"),
                "source_post": st.column_config.LinkColumn("Source", display_text="Air Force report"),
            },
        )
        st.download_button(
            "Download these nights (CSV)",
            partial(csv_bytes, view.nights.assign(all_sources=view.nights["all_sources"].map(" ".join))),
            file_name=f"biggest-nights-iranian-drones_{view.as_of}.csv", mime="text/csv", key="strikes_nights_csv",
            on_click="ignore",
        )

        st.subheader("Where they are launched from, and where they are aimed")
        st.pydeck_chart(view.deck, key="strikes_map", height=560)
        st.caption(
            "Circles: orange launch areas, blue target regions, area proportional to weapons launched in the "
            "reports that name them (a report naming several places counts in full at each). Arcs join a launch "
            "area to a target where one report names both. Regions are plotted at their administrative centre; "
            "reports naming only a direction (\"south\") or all of Ukraine are not mapped. Source: Ukrainian Air "
            f"Force via P. Ivaniuk (Kaggle), CC BY-NC-SA 4.0. Data as of {view.as_of}. {plain_markdown(view.filters_text)}."
        )

        with st.expander("Methodology: how nights and totals are counted"):
            st.markdown(
                "- **Night**: the date of the evening the attack window began — the window's end date minus one "
                "day when the window ends by noon or gives no time, otherwise the end date.\n"
                "- **Counting rule**: regional air commands sometimes report a night that the national Air "
                "Force report also covers. Totals count a night's national reports when it has any, otherwise "
                "every report of that night. Every upstream row is kept in `data/strikes.csv`; `in_totals` marks "
                "the rows counted.\n"
                "- **Combined models** (\"X-101/X-555 and Kalibr\") keep their counts on one row linked to each "
                "system; nothing is split. Iskander-M and KN-23 are reported together, so they form their own "
                "group rather than being guessed apart.\n"
                "- \"Shahed-136/131\" in later reports includes decoy drones of the same family (Gerbera and "
                "others), which the Air Force reports together."
            )
            show_chart(view.counting, key="strikes_counting_rule")
            st.dataframe(view.counting.data, hide_index=True, width="stretch", key="strikes_counting_rule_table",
                         column_config={"difference_pct": st.column_config.NumberColumn("Difference (%)",
                                                                                        format="%.1f")})
