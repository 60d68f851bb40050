// The annotated dev-corpus case format (test/fixtures/dev-corpus/README.md).
export interface GoldItem {
  product: string;
  catalog_code: string | null;
  model: string | null;
  quantity: number | null;
  unit: string | null;
  unit_price: number | null;
  currency: string | null;
  tax_included: boolean | null;
}

export interface Gold {
  intent: string;
  sentiment: string;
  customer: string | null;
  is_new_customer: boolean;
  items: GoldItem[];
  delivery_date: string | null;
  delivery_place: string | null;
  payment_terms: string | null;
  standards: string[];
  certifications: string[];
  special_requirements: string[];
  requirement_categories: string[];
  contract_class: string | null;
  special_reasons: string[];
}

export interface GoldCase {
  id: string;
  channel: string;
  ref_date: string;
  text: string;
  gold: Gold;
}
