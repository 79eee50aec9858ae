#!/usr/bin/env bash
# Copy the API documentation's browser assets (Swagger UI for /docs, ReDoc for /redoc) from their npm
# packages into app/ui/static/vendor, with their licences, so that the service serves them itself and
# the documentation works without internet access. Run it to move to other versions (edit them below),
# then commit the files it writes; it needs `npm` and the npm registry.
set -euo pipefail

SWAGGER_UI_DIST=5.35.0   # https://www.npmjs.com/package/swagger-ui-dist (Apache-2.0)
REDOC=2.5.4              # https://www.npmjs.com/package/redoc, the 2.x line FastAPI's defaults use (MIT)

root="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$root/app/ui/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "swagger-ui-dist@$SWAGGER_UI_DIST" "redoc@$REDOC" >/dev/null
mkdir swagger redoc
tar xzf "swagger-ui-dist-$SWAGGER_UI_DIST.tgz" -C swagger
tar xzf "redoc-$REDOC.tgz" -C redoc

rm -rf "$vendor/swagger-ui" "$vendor/redoc"
mkdir -p "$vendor/swagger-ui" "$vendor/redoc"
cp swagger/package/{swagger-ui-bundle.js,swagger-ui-bundle.js.LICENSE.txt,swagger-ui.css,favicon-32x32.png,LICENSE,NOTICE} \
   "$vendor/swagger-ui/"
cp redoc/package/bundles/{redoc.standalone.js,redoc.standalone.js.LICENSE.txt} redoc/package/LICENSE "$vendor/redoc/"

cd "$vendor"
{
  echo "swagger-ui-dist $SWAGGER_UI_DIST"
  echo "redoc $REDOC"
  sha256sum swagger-ui/* redoc/*
} > VERSIONS
echo "wrote $vendor:"
cat "$vendor/VERSIONS"
