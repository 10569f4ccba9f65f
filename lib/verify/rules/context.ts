import type { PreparedInput } from "../input";

export interface RuleContext {
  input: PreparedInput;
  now: Date;
}
