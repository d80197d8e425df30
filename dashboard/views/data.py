"""Data & sources: browse, search and download every table; the data dictionary; licences; how to cite."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.data.store import data_key
from dashboard.ui.explore_view import table_view
from dashboard.data.citation import load_work
from dashboard.transforms.citation import work_citation
from dashboard.ui.shell import (active_filters, citation_blocks, contract, page_choice, page_text, page_url,
                                plain_markdown, record_table)

package = contract()
st.title("Data & sources")
browse, dictionary, licences = st.tabs(["Browse and download", "Data dictionary", "Licences and citation"])

with browse:
    tables = {table.name: table.title for table in package.tables}
    name = page_choice("Table", tables, param="table", default="transfers", key="data_table", as_list=True)
    query = page_text("Search (any column, plain text)", param="q", key="data_query")
    view = table_view(data_key(), active_filters(), name, query)
    st.caption(f"{len(view.rows):,} of {view.total:,} rows match the sidebar filters and the search. Click a column "
               "header to sort.")
    record_table(view.rows, key="data_rows", file_stem=f"{name}-filtered", as_of=view.as_of, tables=(name,),
                 record_query=lambda key: {"table": name, "q": key})

with dictionary:
    st.caption("Generated from `data/datapackage.json` (Frictionless Data Package), the one schema that also drives "
               "loading, validation and the tests.")
    for table in package.tables:
        st.subheader(f"{table.title} — {table.path}")
        st.write(table.description)
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
        st.dataframe(fields, hide_index=True, width="stretch", key=f"dictionary_{table.name}",
                     column_config={"column": "Column", "type": "Type", "required": "Required",
                                    "allowed values": "Allowed values", "description": "Description"})
        references = [f"{fk.field} → {fk.resource}.{fk.reference_field}" for fk in table.foreign_keys]
        if references:
            st.caption("Primary key: " + ", ".join(table.primary_key) + ". References: " + "; ".join(references))

with licences:
    st.dataframe(pd.DataFrame([
        {"table": table.name, "licence": "; ".join(licence.get("title", licence["name"]) for licence in table.licenses),
         "sources": "; ".join(source.get("title", "") for source in table.sources)}
        for table in package.tables
    ]), hide_index=True, width="stretch", key="data_licences",
        column_config={"table": "Table", "licence": "Licence", "sources": "Sources"})
    st.subheader("How to cite")
    work = load_work()
    citation_blocks(work_citation(work, as_of=view.as_of, url=page_url({}), accessed=date.today()))
    st.caption(f"From CITATION.cff, which reference managers read too. {plain_markdown(work.message)} Each chart's "
               "Cite button, and each row picked under Browse and download, gives the citation of that chart or "
               "record.")
