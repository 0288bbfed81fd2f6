#!/usr/bin/env bash
# Rebuilds the dashboard's world map, src/main/resources/io/darkscope/web/static/world.json:
# Natural Earth's 1:110m countries (public domain) from the npm package world-atlas 2.0.2 (ISC),
# converted from TopoJSON to GeoJSON with topojson-client, each country named by its ISO 3166-1
# alpha-2 code (numeric codes mapped with i18n-iso-countries), coordinates rounded to 0.01 degree.
# Needs node and npm (the npm registry).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund world-atlas@2.0.2 topojson-client@3.1.0 i18n-iso-countries@7.14.0 >/dev/null
node - "$here/../src/main/resources/io/darkscope/web/static/world.json" <<'JS'
const fs = require('fs');
const topojson = require('topojson-client');
const countries = require('i18n-iso-countries');
const world = require('world-atlas/countries-110m.json');
// Natural Earth gives these no ISO numeric code.
const byName = {Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO'};
const round = c => typeof c[0] === 'number' ? c.map(x => Math.round(x * 100) / 100) : c.map(round);
const polygons = new Map(); // one MultiPolygon a code: a region name must be unique in ECharts
for (const f of topojson.feature(world, world.objects.countries).features) {
  const code = f.id ? countries.numericToAlpha2(f.id) : byName[f.properties.name];
  if (!code) throw new Error('no ISO code for ' + f.properties.name);
  const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  polygons.set(code, (polygons.get(code) || []).concat(parts.map(round)));
}
const features = [...polygons].map(([code, parts]) =>
  ({type: 'Feature', properties: {name: code}, geometry: {type: 'MultiPolygon', coordinates: parts}}));
fs.writeFileSync(process.argv[2], JSON.stringify({type: 'FeatureCollection', features}));
JS
