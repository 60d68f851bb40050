// A customer the supplier already knows (老客户). `shortName` is how people usually write it
// (恒驰, 凯途); a message naming the full name or containing the short name refers to it.
export interface Customer {
  name: string;
  shortName: string | null;
  /** Year of the first order; null for a prospect that never ordered. */
  firstOrderYear: number | null;
  industry: string | null;
  notes: string | null;
}
