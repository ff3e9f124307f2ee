import { toDataURL } from 'qrcode';
import { h } from '../../common/dom';

/** The URL a respondent opens: the server may answer with a path or a full URL. */
export function absoluteUrl(url: string): string {
  return new URL(url, location.origin).href;
}

/**
 * A QR code image for a respondent link, with a download link for printing on posters.
 * Error correction "M" survives a crease or a smudge; the quiet zone keeps phones reading it.
 */
export async function qrFigure(url: string, caption: string): Promise<HTMLElement> {
  const dataUrl = await toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return h(
    'figure',
    { class: 'qr' },
    h('img', { src: dataUrl, width: 240, height: 240, alt: `QR code that opens ${url}` }),
    h(
      'figcaption',
      {},
      caption,
      ' ',
      h('a', { href: dataUrl, download: 'careloop-survey-qr.png' }, 'Download QR image'),
    ),
  );
}
