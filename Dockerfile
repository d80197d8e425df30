# The dashboard as it is hosted: Streamlit replicas behind nginx (`python -m dashboard serve`), with
# Debian's chromium for the "Chart as SVG/PNG" buttons and `export`. Python, chromium and nginx all come
# from Debian bookworm (its python3 is 3.11), so one `apt-get upgrade` source covers the whole image.
#   docker build -t iran-russia-dashboard .
#   docker run --rm -p 8080:8080 -e REPLICAS=2 iran-russia-dashboard
FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
        chromium fonts-dejavu-core nginx-light \
    && rm -rf /var/lib/apt/lists/*

# Debian's python3 refuses system-wide pip installs (PEP 668): the package lives in its own venv.
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1

RUN useradd --create-home --uid 10001 dashboard
# Built from /src and then removed: `python -m dashboard` in /app runs the installed, byte-compiled package
# (a source tree in the working directory would shadow it, and the unprivileged user could not cache its
# bytecode, so every start would compile it again).
COPY pyproject.toml README.md CITATION.cff /src/
COPY dashboard /src/dashboard
RUN pip install --no-cache-dir /src && rm -rf /src
WORKDIR /app
# The replicas run in /app, so Streamlit reads /app/.streamlit/config.toml: the themes, no error details
# for visitors, and the server settings the load figures were measured with.
COPY .streamlit ./.streamlit
COPY data ./data

USER dashboard
ENV REPLICAS=2 PORT=8080 BROWSER_PATH=/usr/bin/chromium
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request, os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/_stcore/health', timeout=4)"
# The package does not ship data/: point it at the copy above (mount another folder over /app/data to serve yours).
CMD ["sh", "-c", "exec python -m dashboard serve --port \"$PORT\" --replicas \"$REPLICAS\" --data-dir /app/data"]
