import { analyzeDocument, type Analysis } from './analyze';
import { IncrementalTsAnalysis, type DocumentAnalyzer } from './incremental';
import { IncrementalPyAnalysis } from './incrementalPy';
import { isJsonLanguage, isPythonLanguage } from '../shared/languages';

/** JSON is small and cheap to parse: every update analyzes the whole text, tolerantly, like the editor. */
class WholeTextAnalysis implements DocumentAnalyzer {
  constructor(private readonly languageId: string) {}
  update(text: string): Analysis {
    return analyzeDocument(text, this.languageId, { tolerant: true });
  }
  release(): void {}
}

/** The analyzer an open document uses: incremental where the language has a statement-level engine. */
export function createDocumentAnalyzer(languageId: string): DocumentAnalyzer {
  if (isPythonLanguage(languageId)) return new IncrementalPyAnalysis();
  return isJsonLanguage(languageId) ? new WholeTextAnalysis(languageId) : new IncrementalTsAnalysis(languageId);
}
