import { z } from "zod";

export const CodebookCategory = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  label: z.string().min(1),
  description: z.string().default(""),
});
export type CodebookCategory = z.infer<typeof CodebookCategory>;

export const Codebook = z.array(CodebookCategory).superRefine((categories, context) => {
  const seen = new Set<string>();
  categories.forEach((category, index) => {
    if (seen.has(category.id))
      context.addIssue({
        code: "custom",
        path: [index, "id"],
        message: `duplicate category "${category.id}"`,
      });
    seen.add(category.id);
  });
});

/** Categories a record uses that the codebook does not define. */
export function unknownCategories(codebook: readonly CodebookCategory[], used: readonly string[]): string[] {
  const known = new Set(codebook.map((category) => category.id));
  return used.filter((id) => !known.has(id));
}
