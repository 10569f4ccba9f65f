import "client-only";
// The "Also check with Microsoft" box of a form: ticked in the server's HTML, uncontrolled (what the
// customer ticked or unticked before hydration stays), its state followed for the submit button.
import { useEffect, useState, type RefObject } from "react";
import { FIELD } from "@/lib/customer/fields";
import { isTicked } from "./use-form-fields";

export function useLive(form: RefObject<HTMLFormElement | null>): [boolean, (on: boolean) => void] {
  const [live, setLive] = useState(true);
  useEffect(() => {
    if (form.current?.querySelector(`input[type="checkbox"][name="${FIELD.live}"]`)) setLive(isTicked(form.current, FIELD.live));
  }, [form]);
  return [live, setLive];
}
