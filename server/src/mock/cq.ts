/** Turns a CQ-code string into the Milky segments it stands for, when that needs no guess: the suggestion of a -400. */

const MEDIA_URI = /^(https?:\/\/|file:\/\/|base64:\/\/)/;

function unescapeText(s: string): string {
  return s.replace(/&#91;/g, '[').replace(/&#93;/g, ']').replace(/&amp;/g, '&');
}

function unescapeValue(s: string): string {
  return unescapeText(s.replace(/&#44;/g, ','));
}

/** One CQ code as a Milky segment, or undefined when it has no mechanical counterpart (reply ids, file names…). */
function segmentOf(type: string, params: Record<string, string>): object | undefined {
  switch (type) {
    case 'at':
      if (params.qq === 'all') return { type: 'mention_all', data: {} };
      return /^\d+$/.test(params.qq ?? '') ? { type: 'mention', data: { user_id: Number(params.qq) } } : undefined;
    case 'face':
      return /^\d+$/.test(params.id ?? '') ? { type: 'face', data: { face_id: params.id } } : undefined;
    case 'image': case 'record': case 'video': {
      const uri = params.file ?? params.url;
      return uri && MEDIA_URI.test(uri) ? { type, data: { uri } } : undefined;
    }
    default:
      return undefined;
  }
}

/** The segments of `text`, or undefined when one of its codes needs a human (or it has none). */
export function cqToSegments(text: string): object[] | undefined {
  const out: object[] = [];
  const re = /\[CQ:([a-zA-Z_]+)((?:,[^,\]=]+=[^,\]]*)*)\]/g;
  let at = 0;
  let codes = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push({ type: 'text', data: { text: unescapeText(text.slice(at, m.index)) } });
    const params: Record<string, string> = {};
    for (const pair of m[2].split(',').slice(1)) {
      const eq = pair.indexOf('=');
      params[pair.slice(0, eq)] = unescapeValue(pair.slice(eq + 1));
    }
    const segment = segmentOf(m[1], params);
    if (!segment) return undefined;
    out.push(segment);
    codes++;
    at = m.index + m[0].length;
  }
  if (!codes) return undefined;
  if (at < text.length) out.push({ type: 'text', data: { text: unescapeText(text.slice(at)) } });
  return out;
}
