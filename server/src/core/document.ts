import { analyzeDocument, type Analysis } from './analyze';
import { IncrementalTsAnalysis, type DocumentAnalyzer, type TextChange } from './incremental';
import { IncrementalPyAnalysis } from './incrementalPy';
import type { ReportOptions } from './scan';
import { isJsonLanguage, isPythonLanguage } from '../shared/languages';

/** JSON is small and cheap to parse: every update analyzes the whole text, tolerantly, like the editor. */
class WholeTextAnalysis implements DocumentAnalyzer {
  constructor(private readonly languageId: string) {}
  update(text: string, _changes?: readonly TextChange[], options: ReportOptions = {}): Analysis {
    return analyzeDocument(text, this.languageId, { ...options, tolerant: true });
  }
  release(): void {}
}

/** The analyzer an open document uses: incremental where the language has a statement-level engine. */
export function createDocumentAnalyzer(languageId: string): DocumentAnalyzer {
  if (isPythonLanguage(languageId)) return new IncrementalPyAnalysis();
  return isJsonLanguage(languageId) ? new WholeTextAnalysis(languageId) : new IncrementalTsAnalysis(languageId);
}
