// The hand-made tables of generate-geo.mjs: where ISO's names or WooCommerce's codes differ from Mautic's,
// and which countries WooCommerce sends state codes for. Data only; the matching lives in generate-geo.mjs.

// Where ISO's English name and Mautic's differ beyond normalisation. Values are names as Mautic spells them,
// either in countries.json (country) or as a key of regions.json (region list).
export const COUNTRY_ALIASES = {
  BN: ['Brunei', 'Brunei Darussalam'],
  CD: ['Democratic Republic of the Congo', 'Congo, The Democratic Republic of the'],
  CG: ['Republic of the Congo', 'Congo'],
  CI: ["Côte d'Ivoire", 'Ivory Coast'],
  CV: ['Cape Verde'],
  CZ: ['Czech Republic'],
  FM: ['Micronesia', 'Micronesia, Federated States of'],
  GW: ['Guinea Bissau', 'Guinea-Bissau'],
  IR: ['Iran', 'Iran, Islamic Republic of'],
  KP: ['North Korea', "Korea, Democratic People's Republic of"],
  KR: ['South Korea', 'Korea, Republic of'],
  LA: ['Laos', "Lao People's Democratic Republic"],
  LY: ['Libya', 'Libyan Arab Jamahiriya'],
  MK: ['Macedonia', 'North Macedonia'],
  PS: ['Palestine', 'Palestinian Territory, Occupied'],
  RU: ['Russia', 'Russian Federation'],
  SH: ['Saint Helena, Ascension and Tristan da Cunha', 'Saint Helena'],
  SY: ['Syria', 'Syrian Arab Republic'],
  TL: ['East Timor', 'Timor-Leste'],
  TR: ['Türkiye', 'Turkey'],
  TZ: ['Tanzania', 'Tanzania, United Republic of'],
  VA: ['Holy See', 'Vatican'],
  VG: ['Virgin Islands (British)', 'British Virgin Islands'],
  VI: ['Virgin Islands (U.S.)', 'U.S. Virgin Islands'],
  VN: ['Vietnam', 'Viet Nam'],
  UM: ['United States Minor Outlying Islands'],
  VE: ['Venezuela'],
  BQ: ['Bonaire, Saint Eustatius and Saba'],
};

// Countries for which WooCommerce's checkout offers a state list (i18n/states.php), so billing.state holds a code.
// Elsewhere the shopper types free text, which no code table can convert; leaving those countries out keeps the
// table small enough for edge bundles. DE and AT are included because recent WooCommerce versions offer them.
export const WOO_STATE_COUNTRIES = new Set(
  'AL AO AR AT AU BD BG BJ BO BR CA CH CN CR DE DO DZ EC EG ES GH GR GT HK HN HU ID IE IN IR IT JP KE LA LR MD MX MY MZ NA NG NI NP NZ PA PE PH PK PR PY RO RS SN SV TH TR TZ UG UM US UY VE ZA ZM'.split(
    ' ',
  ),
);

// Where WooCommerce's own state codes are not ISO 3166-2 suffixes: WooCommerce code → the ISO suffix it stands for.
// (Prefixed forms such as JP01, TR01, TH-37 or BD-05 need no entry: the lookup strips the country prefix.)
export const WOO_CODE_ALIASES = {
  CN: Object.fromEntries(
    'YN BJ TJ HE SX NM LN JL HL SH JS ZJ AH FJ JX SD HA HB HN GD GX HI CQ SC GZ SN GS QH NX MO XZ XJ'
      .split(' ')
      .map((iso, i) => [`CN${i + 1}`, iso]),
  ),
  IN: { TS: 'TG', UK: 'UT', DN: 'DH', DD: 'DH' },
  MX: {
    DF: 'CMX',
    JA: 'JAL',
    NL: 'NLE',
    AG: 'AGU',
    BC: 'BCN',
    BS: 'BCS',
    CM: 'CAM',
    CS: 'CHP',
    CH: 'CHH',
    CO: 'COA',
    CL: 'COL',
    DG: 'DUR',
    GT: 'GUA',
    GR: 'GRO',
    HG: 'HID',
    MX: 'MEX',
    MI: 'MIC',
    MO: 'MOR',
    NA: 'NAY',
    OA: 'OAX',
    PU: 'PUE',
    QT: 'QUE',
    QR: 'ROO',
    SL: 'SLP',
    SI: 'SIN',
    SO: 'SON',
    TB: 'TAB',
    TM: 'TAM',
    TL: 'TLA',
    VE: 'VER',
    YU: 'YUC',
    ZA: 'ZAC',
  },
  MY: {
    JHR: '01',
    KDH: '02',
    KTN: '03',
    MLK: '04',
    NSN: '05',
    PHG: '06',
    PNG: '07',
    PRK: '08',
    PLS: '09',
    SGR: '10',
    TRG: '11',
    SBH: '12',
    SWK: '13',
    KUL: '14',
    LBN: '15',
    PJY: '16',
  },
  NZ: {
    NL: 'NTL',
    AK: 'AUK',
    WA: 'WKO',
    BP: 'BOP',
    TK: 'TKI',
    GI: 'GIS',
    HB: 'HKB',
    MW: 'MWT',
    WE: 'WGN',
    NS: 'NSN',
    MB: 'MBH',
    TM: 'TAS',
    WC: 'WTC',
    CT: 'CAN',
    OT: 'OTA',
    SL: 'STL',
  },
};

export const WORD_ALIASES = { st: 'saint', ste: 'sainte', mt: 'mount' };
// Generic words that one list has and the other lacks ("Kenya: Baringo County", "Bagerhat zila").
export const GENERIC = new Set(
  'and of the de del la le county province provincia region state oblast oblys oblysy kraj zila lan district department governorate prefecture municipality city capital territory respublika republic voblasc apskritis'.split(
    ' ',
  ),
);
