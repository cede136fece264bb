// The print page's Print button: it submits the options form with print=1, and the new
// page (these options applied) opens the print dialog once, then drops print=1 from the URL.
const printNow = document.getElementById("print-now");
if (printNow) printNow.hidden = false;
const here = new URL(location.href);
if (here.searchParams.get("print") === "1") {
  here.searchParams.delete("print");
  history.replaceState(null, "", here);
  if (document.readyState === "complete") print();
  else addEventListener("load", () => print());
}
