"""Strikes: the drone war by country of design, from the Ukrainian Air Force record."""

import pandas as pd
import streamlit as st

from dashboard.data.store import data_key
from dashboard.figures.maps import BOUNDARY_NOTE
from dashboard.transforms.strikes import DATE_BASES, EW_REPORTING_ENDS, PERIODS, night_label
from dashboard.ui.shell import (active_filters, briefing_mode, choice_value, dark_theme, download_rows, number_value,
                                page_choice, page_number, page_tabs,
                                plain_markdown, require_tables, show_chart, source_note)
from dashboard.ui.strikes_view import strikes_view

st.title("Strikes on Ukraine")
st.caption(
    "Missiles and drones launched at Ukraine as reported by the Ukrainian Air Force (national and regional "
    "commands), one upstream row per weapon model and attack window. Totals follow one counting rule: a "
    "night's national Air Force reports when it has any, otherwise every report of that night."
)

if require_tables(["strikes", "events"]):
    # The controls are drawn in the tab they steer; the view needs their values first.
    period_link = {"param": "period", "default": "month", "key": "strikes_period"}
    basis_link = {"param": "dated", "default": "night", "key": "strikes_basis"}
    top_link = {"param": "top", "default": 10, "low": 5, "high": 50, "key": "strikes_top"}
    period = choice_value(PERIODS, **period_link)
    basis = choice_value(DATE_BASES, **basis_link)
    top = number_value(**top_link)
    view = strikes_view(data_key(), active_filters(), period, basis, top, dark_theme())

    if view.rows == 0:
        st.info("No strikes match the filters. Widen the date range or clear the actor filter.")
    else:
        over_time, biggest, where = page_tabs(["Over time", "Biggest nights", "Map"])
        with over_time:
            if over_time.open:
                page_choice("Group by", PERIODS, **period_link)
                page_choice("Date each report by", DATE_BASES, **basis_link,
                            help="Night of attack: the evening the attack began. Report date: the morning report "
                                 "that closes it, as the Air Force, AFP and Ukrainian agencies total days and months.")
                show_chart(view.drones, key="strikes_iranian_drones")
                show_chart(view.share, key="strikes_launch_share")

        with biggest:
            if biggest.open:
                st.subheader("Biggest nights for Iranian-designed drones")
                page_number("Biggest nights shown", **top_link)
                st.caption("One row per Air Force report window, dated by the night its attack began in. A daytime "
                           "attack reported after a night attack is its own row (\"13 May 2026, from 08:00\"), so two "
                           "attacks never add up to one record.")
                st.dataframe(
                    view.nights_shown,
                    hide_index=True, width="stretch", key="strikes_biggest_nights",
                    column_config={
                        "night_label": st.column_config.TextColumn("Night or attack",
                                                                   help="The night the attack began, evening to "
                                                                        "morning; a report opening in the morning is "
                                                                        "named by its day and start time"),
                        "window": st.column_config.TextColumn("Reported window",
                                                              help="Earliest start to latest end of the reports "
                                                                   "counted that night (local time)"),
                        "launched": st.column_config.NumberColumn("Launched", format="%d"),
                        "shot_down": st.column_config.NumberColumn("Shot down", format="%d"),
                        "lost_ew": st.column_config.TextColumn(
                            "Lost to EW",
                            help=f"Not reported from the night of {night_label(pd.Timestamp(EW_REPORTING_ENDS))}: no "
                                 "longer given separately by the Air Force"),
                        "interception_rate": st.column_config.NumberColumn("Interception rate", format="percent"),
                        "reports": st.column_config.NumberColumn("Reports", format="%d"),
                        "source_post": st.column_config.LinkColumn("Source", display_text="Air Force report"),
                    },
                )
                download_rows(view.nights.assign(all_sources=view.nights["all_sources"].map(" ".join)),
                              label="Download these nights", key="strikes_nights_zip",
                              name=f"biggest-nights-iranian-drones_{view.as_of}",
                              title="Biggest nights for Iranian-designed drones", as_of=view.as_of, tables=("strikes",))

        with where:
            if where.open:
                st.subheader("Where they are launched from, and where they are aimed")
                st.pydeck_chart(view.deck, key="strikes_map", height=560)
                st.markdown(view.legend)
                st.caption(
                    "Circle area is proportional to weapons launched in the reports that name the place (a report "
                    "naming several places counts in full at each). Regions are plotted at their administrative "
                    "centre; reports naming only a direction (\"south\") or all of Ukraine are not mapped. "
                    f"{source_note(['strikes'], view.as_of)} {plain_markdown(view.filters_text)}. {BOUNDARY_NOTE}"
                )

        if briefing_mode():
            st.stop()  # the methodology is for readers of the page, not for a slide
        methodology = st.expander("Methodology: how nights and totals are counted", key="strikes_methodology",
                                  on_change="rerun")
        with methodology:
            if methodology.open:
                st.markdown(
                    "- **Night of attack**: each report window belongs to the one night its attack began in, labelled "
                    "as people say it (\"5–6 Feb 2026\"). A window starting from 12:00 on one day to before 12:00 "
                    "on the next belongs to that night; a start with no time is placed by its end (an end by noon, or "
                    "with no time, means the evening before). An attack that runs past noon therefore never merges with "
                    "the next evening's.\n"
                    "- **Report date**: the date of the morning report that closes the window. The Air Force, AFP and "
                    "Ukrainian agencies total days and months this way; choose it above to compare with their figures. "
                    "Every chart says which one it shows, and its CSV carries a `grouped_by` column.\n"
                    "- **Counting rule**: regional air commands sometimes report a night that the national Air "
                    "Force report also covers. Totals count a night's national reports when it has any, otherwise "
                    "every report of that night. Every upstream row is kept in `data/strikes.csv`; `in_totals` marks "
                    "the rows counted.\n"
                    f"- **Drones lost to electronic warfare**: from the night of "
                    f"{night_label(pd.Timestamp(EW_REPORTING_ENDS))} the Air Force no longer reports drones "
                    "\"locationally lost\" separately (0 on all but a few nights since). The chart marks that break; "
                    "from there \"lost to EW\" is left blank rather than shown as zero (the few EW figures still "
                    "reported are kept), and the interception rate rests almost only on drones shot down, so rates "
                    "either side of the line are not like for like.\n"
                    "- **Combined models** (\"X-101/X-555 and Kalibr\") keep their counts on one row linked to each "
                    "system; nothing is split. Iskander-M and KN-23 are reported together, so they form their own "
                    "group rather than being guessed apart.\n"
                    "- \"Shahed-136/131\" in later reports includes decoy drones of the same family (Gerbera and "
                    "others), which the Air Force reports together.\n"
                    "- **Biggest nights** lists one Air Force report window per row. The *Night* grouping of the chart "
                    "sums every report of a night of attack, so a daytime report that opens before noon the next day "
                    "adds to that night's bar (in 2026 the Air Force began reporting such daytime attacks "
                    "separately).\n"
                    "- **Quality flags** (`quality` column): "
                    + "; ".join(f"`{code}` ({count:,} rows): {text}" for code, text, count in view.quality) + ".\n"
                    "- **Regional breakdown**: `shot_down_details` keeps the Air Force's per-command (or per-region) "
                    "count of drones shot down where the report gives one; it is part of a row's count, never added to it."
                )
                show_chart(view.counting, key="strikes_counting_rule")
                st.dataframe(view.counting.data, hide_index=True, width="stretch", key="strikes_counting_rule_table",
                             column_config={"group": st.column_config.TextColumn("Country of design"),
                                            "every report": st.column_config.NumberColumn("Launched, every report",
                                                                                          format="%d"),
                                            "counting rule": st.column_config.NumberColumn("Launched, counting rule",
                                                                                           format="%d"),
                                            "difference": st.column_config.NumberColumn("Difference", format="%d"),
                                            "difference_pct": st.column_config.NumberColumn("Difference (%)",
                                                                                            format="%.1f")})
