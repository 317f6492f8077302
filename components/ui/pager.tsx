import { Button } from "./button";

/** Previous / next through a paged list; hidden when everything fits on one page. */
export function Pager({ page, total, pageSize, onPage }: { page: number; total: number | undefined; pageSize: number; onPage: (page: number) => void }) {
  const pages = total === undefined ? 1 : Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-end gap-2 text-sm">
      <Button disabled={page <= 1} onClick={() => onPage(page - 1)}>Previous</Button>
      <span>Page {page} of {pages}</span>
      <Button disabled={page >= pages} onClick={() => onPage(page + 1)}>Next</Button>
    </nav>
  );
}
