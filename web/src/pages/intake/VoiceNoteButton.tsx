// A salesperson on the phone or at the customer's desk records what was said; the recording goes
// through intake like any uploaded call (speech-to-text on the server, channel: spoken).
import { AudioOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** The first container the browser can record; Chromium and Firefox give WebM/Opus, Safari MP4. */
function recordingType(): string | undefined {
  for (const type of ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4']) {
    if (MediaRecorder.isTypeSupported(type)) return type;
  }
  return undefined;
}

export function VoiceNoteButton({
  disabled,
  onRecorded,
}: {
  disabled: boolean;
  onRecorded: (file: File) => void;
}) {
  const { t } = useI18n();
  const [recording, setRecording] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);

  useEffect(() => {
    if (!recording) return;
    const timer = window.setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => window.clearInterval(timer);
  }, [recording]);

  // Leaving the page must release the microphone.
  useEffect(
    () => () => {
      for (const track of recorder.current?.stream.getTracks() ?? []) track.stop();
    },
    [],
  );

  const supported = typeof window !== 'undefined' && 'MediaRecorder' in window && !!navigator.mediaDevices;

  const start = async () => {
    setProblem(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setProblem(t('intake.voice.denied'));
      return;
    }
    const type = recordingType();
    const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      const mime = rec.mimeType || type || 'audio/webm';
      const extension = mime.includes('mp4') ? 'm4a' : mime.includes('ogg') ? 'ogg' : 'webm';
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
      onRecorded(new File(chunks, `语音记录-${stamp}.${extension}`, { type: mime }));
    };
    recorder.current = rec;
    rec.start(1000);
    setSeconds(0);
    setRecording(true);
  };

  const stop = () => {
    recorder.current?.stop();
    recorder.current = null;
    setRecording(false);
  };

  if (!supported) return null;
  return (
    <span>
      {recording ? (
        <Button danger icon={<StopOutlined />} onClick={stop}>
          {t('intake.voice.stop', { seconds })}
        </Button>
      ) : (
        <Button icon={<AudioOutlined />} onClick={() => void start()} disabled={disabled}>
          {t('intake.voice.record')}
        </Button>
      )}
      {problem && (
        <Typography.Text type="danger" role="alert" style={{ marginLeft: 8 }}>
          {problem}
        </Typography.Text>
      )}
    </span>
  );
}
