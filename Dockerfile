# The dashboard as it is hosted: Streamlit replicas behind nginx (`python -m dashboard serve`), with
# Debian's chromium for the "Chart as SVG/PNG" buttons and `export`.
#   docker build -t iran-russia-dashboard .
#   docker run --rm -p 8080:8080 -e REPLICAS=2 iran-russia-dashboard
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core nginx-light \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 dashboard
WORKDIR /app
COPY pyproject.toml README.md CITATION.cff ./
COPY dashboard ./dashboard
RUN pip install --no-cache-dir . && rm -rf build
COPY data ./data

USER dashboard
ENV REPLICAS=2 PORT=8080 BROWSER_PATH=/usr/bin/chromium
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request, os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/_stcore/health', timeout=4)"
# The package does not ship data/: point it at the copy above (mount another folder over /app/data to serve yours).
CMD ["sh", "-c", "exec python -m dashboard serve --port \"$PORT\" --replicas \"$REPLICAS\" --data-dir /app/data"]
