// How long to wait, in the words a person reads: "请 15 分钟后再试", not "请 894 秒后再试".
// Seconds only while less than a minute is left; minutes are rounded up so the user never retries
// too early.
export function waitInWords(seconds: number): { zh: string; en: string } {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return { zh: `${s} 秒`, en: `${s} s` };
  const minutes = Math.ceil(s / 60);
  return { zh: `${minutes} 分钟`, en: minutes === 1 ? '1 minute' : `${minutes} minutes` };
}
