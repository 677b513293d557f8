// Characters of a stored value the evidence keeps: a 100 KB value is shown by its size. Its own
// module, so that the content scripts can use it without the rest of the evidence model.
export const PREVIEW_CHARS = 120;
