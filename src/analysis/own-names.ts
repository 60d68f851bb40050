// The supplier's own names by default: never reported as the customer (a site sets its own).
export const DEFAULT_OWN_COMPANY_NAMES: readonly string[] = [
  '华锐精密部件有限公司',
  '华锐精密',
  '华锐',
  'Huarui',
];
