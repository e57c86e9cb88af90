// Renders generated files from the catalog. Each entry: repo-relative path → full text.
export function renderArtifacts(catalog, readCurrent) {
  return {
    'server/src/core/catalog/catalog.generated.json': JSON.stringify(catalog, null, 1) + '\n',
  };
}
