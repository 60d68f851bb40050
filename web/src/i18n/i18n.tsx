// Language of the interface: Chinese by default, English on request; the choice is remembered in
// the browser. Ant Design components and dates follow the same language.
import { App as AntApp, ConfigProvider } from 'antd';
// The ES builds, not `antd/locale/*`: those are CommonJS re-exports whose default import Vite
// resolves to the module object, and Ant Design then silently falls back to English ("No data").
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, type Bilingual } from '../api/client';
import { CODE_LABELS, type Lang, MESSAGES, type MessageKey } from './messages';

const STORAGE_KEY = 'shixu.lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Label of a server code in a group (category, kind, entity …); the code itself when unknown. */
  label(group: string, code: string | null | undefined): string;
  /** The half of a "中文 / English" server text that fits the language. */
  pick(text: string | undefined | null): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_ALL = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_ALL = /[A-Za-z]/g;

/**
 * Where a "中文 / English" text turns English: the first " / " with Chinese before it and, after
 * it, text that is mostly Latin (a Chinese name quoted in the English half does not count). The
 * Chinese half may itself hold " / " (a unit "mm / 形位"), so the first separator is not enough.
 */
function languageBoundary(text: string): number {
  let at = text.indexOf(' / ');
  while (at >= 0) {
    const before = text.slice(0, at);
    const after = text.slice(at + 3);
    const cjk = after.match(CJK_ALL)?.length ?? 0;
    const latin = after.match(LATIN_ALL)?.length ?? 0;
    if (CJK.test(before) && !CJK.test(after.charAt(0)) && latin > cjk) return at;
    at = text.indexOf(' / ', at + 3);
  }
  // An English half opening with a Chinese name ("恒达 not found"): the first separator, as before.
  const first = text.indexOf(' / ');
  return first >= 0 && CJK.test(text.slice(0, first)) && /[A-Za-z]/.test(text.slice(first)) ? first : -1;
}

/** Server texts are written "中文 / English"; show the part of the current language. */
export function pickLanguage(text: string, lang: Lang): string {
  const at = languageBoundary(text);
  if (at < 0) return text;
  return (lang === 'en' ? text.slice(at + 3) : text.slice(0, at)).trim();
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const table = MESSAGES[lang];
    return {
      lang,
      setLang,
      t: (key, vars) =>
        (table[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`)),
      label: (group, code) => {
        if (!code) return MESSAGES[lang]['common.none'];
        const pair = CODE_LABELS[group]?.[code];
        return pair ? (lang === 'en' ? pair[1] : pair[0]) : code;
      },
      pick: (text) => (text ? pickLanguage(text, lang) : ''),
    };
  }, [lang, setLang]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        // Darker than Ant Design's defaults so links and secondary text reach WCAG AA contrast.
        theme={{
          token: {
            colorPrimary: '#0958d9',
            colorLink: '#0958d9',
            colorLinkHover: '#003eb3',
            // Ant Design derives a lighter blue for hover (#4096ff-like); white text on it fails AA,
            // so hovered and pressed primary buttons get darker, not lighter.
            colorPrimaryHover: '#003eb3',
            colorPrimaryActive: '#002c8c',
            // Danger buttons (void, delete) write red on white: the default #ff4d4f reaches only 3.6:1.
            colorError: '#cf1322',
            colorErrorHover: '#a8071a',
            colorErrorActive: '#820014',
            colorTextDescription: 'rgba(0, 0, 0, 0.65)',
            colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
          },
        }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

function isBilingual(value: unknown): value is Bilingual {
  const b = value as Partial<Bilingual> | null;
  return typeof b?.zh === 'string' && typeof b.en === 'string';
}

/** Title and detail of an error in the interface language, plus the fields the server named. */
export function describeError(err: unknown, i18n: Pick<I18n, 'lang' | 'pick' | 't'>) {
  if (err instanceof ApiError) {
    const p = err.problem;
    const inLanguage = (text: Bilingual) => (i18n.lang === 'en' ? text.en : text.zh);
    const title = isBilingual(p.message) ? inLanguage(p.message) : i18n.pick(p.title);
    // A detail the server had in one form only (a parser's message, a list of field problems) comes
    // as the same text twice and may still be written "中文 / English".
    const detail = isBilingual(p.detailMessage)
      ? p.detailMessage.zh === p.detailMessage.en
        ? i18n.pick(p.detailMessage.zh)
        : inLanguage(p.detailMessage)
      : i18n.pick(p.detail ?? '');
    return {
      title,
      detail: detail && detail !== title ? detail : '',
      fields: (err.problem.errors ?? []).map((e) => `${e.path}: ${i18n.pick(e.message)}`),
    };
  }
  return {
    title: i18n.t('error.title'),
    detail: err instanceof Error ? err.message : String(err),
    fields: [],
  };
}
