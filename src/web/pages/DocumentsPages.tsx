// The source library's pages live in ./documents/ (issue #10); these names stay for the router.
export { DocumentPage } from "./documents/DocumentPage";
export { DocumentsPage } from "./documents/DocumentsListPage";
