"""What the browser tests measure on a deck: slides that overflow 1280x720, numbers that wrap.

``SLIDE_PROBLEMS`` is a script for Selenium's ``execute_script``: it visits every slide of a
reveal.js deck and returns one entry per problem, ``[slide number, what, detail]``:

- ``scroll``: the slide's content is taller or wider than the slide (it would need a scroll);
- ``outside``: an element (text, table, chart) reaches beyond the slide's box;
- ``wrapped``: a number (``.num``) is laid out on more than one line;
- ``viewport``: the slide's box is not inside the 1280x720 window.
"""

SLIDE_PROBLEMS = """
const problems = [];
const count = Reveal.getTotalSlides();
for (let index = 0; index < count; index++) {
  Reveal.slide(index);
  const slide = Reveal.getCurrentSlide();
  const number = index + 1;
  const box = slide.getBoundingClientRect();
  if (box.right > window.innerWidth + 1 || box.bottom > window.innerHeight + 1
      || box.left < -1 || box.top < -1) {
    problems.push([number, 'viewport', [box.left, box.top, box.right, box.bottom]]);
  }
  if (slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1) {
    problems.push([number, 'scroll', [slide.scrollWidth, slide.scrollHeight]]);
  }
  for (const element of slide.querySelectorAll('*')) {
    const r = element.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) { continue; }
    if (r.bottom > box.bottom + 1 || r.right > box.right + 1
        || r.left < box.left - 1 || r.top < box.top - 1) {
      problems.push([number, 'outside', element.tagName + ' ' + element.textContent.slice(0, 60)]);
    }
  }
  for (const element of slide.querySelectorAll('.num')) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set(Array.from(range.getClientRects())
      .filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size > 1) { problems.push([number, 'wrapped', element.textContent]); }
  }
}
Reveal.slide(0);
return problems;
"""

NUMBERS_SHOWN = "return document.querySelectorAll('.reveal .num').length;"
