"""Data dictionary, generated from data/datapackage.json."""

import pandas as pd
import streamlit as st

from dashboard.ui.shell import contract

package = contract()
st.title("Data dictionary")
st.caption("Generated from `data/datapackage.json` (Frictionless Data Package), the one schema that also drives loading, validation and the tests.")

for table in package.tables:
    st.subheader(f"{table.title} — `{table.path}`")
    st.write(table.description)
    licences = "; ".join(licence.get("title", licence["name"]) for licence in table.licenses)
    st.caption(f"Licence: {licences}. Primary key: {', '.join(table.primary_key)}.")
    fields = pd.DataFrame([
        {
            "column": f.name,
            "type": f"list ('{f.delimiter}')" if f.is_list else f.type,
            "required": f.required,
            "allowed values": ", ".join(f.enum) if f.enum else "",
            "description": f.description,
        }
        for f in table.fields
    ])
    st.dataframe(fields, hide_index=True, width="stretch", key=f"dictionary_{table.name}")
    references = [f"{fk.field} → {fk.resource}.{fk.reference_field}" for fk in table.foreign_keys]
    if references:
        st.caption("References: " + "; ".join(references))
