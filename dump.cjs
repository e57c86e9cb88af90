const { Parser, Language } = require('web-tree-sitter');
const fs = require('fs');
(async () => {
  await Parser.init();
  const lang = await Language.load(fs.readFileSync('node_modules/tree-sitter-python/tree-sitter-python.wasm'));
  const p = new Parser(); p.setLanguage(lang);
  const src = fs.readFileSync(process.argv[2], 'utf8');
  const t = p.parse(src);
  const walk = (n, d, f) => { console.log(' '.repeat(d) + (f? f+': ':'') + n.type + (n.isMissing?' MISSING':'') , n.startIndex, n.endIndex, n.childCount? '' : JSON.stringify(src.slice(n.startIndex, n.endIndex))); for (let i=0;i<n.childCount;i++) walk(n.child(i), d + 1, n.fieldNameForChild(i)); };
  walk(t.rootNode, 0);
})();
