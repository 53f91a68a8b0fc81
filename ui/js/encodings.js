// The encodings a source can be told to use, as labels the back end knows (encoding_rs / WHATWG names), in the
// order the settings dialog offers them. Their names come from the catalog (`encoding.<label>`).

/** Labels offered besides "automatic"; GBK and GB2312 feeds are read as GB18030, their superset. */
export const ENCODINGS = [
  'utf-8',
  'gb18030',
  'big5',
  'shift_jis',
  'euc-jp',
  'iso-2022-jp',
  'euc-kr',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-15',
  'windows-1250',
  'windows-1251',
  'koi8-r',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-874',
  'windows-1258',
];
