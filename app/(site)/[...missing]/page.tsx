// Any address no route answers: the guides' 404 (app/(site)/not-found.tsx), inside the guides' frame
// with its header and search. Without this page Next would answer such an address with the root
// not-found page, which has no frame (app/not-found.tsx).
import { notFound } from "next/navigation";

export default function Missing(): never {
  notFound();
}
