# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'briefing.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_edition = resolve('edition')
    pass
    yield '## Staff briefing: what everyone needs to know about '
    yield str(environment.finalize(environment.getattr((undefined(name='edition') if l_0_edition is missing else l_0_edition), 'short_title')))
    yield '\n\n*'
    yield str(environment.finalize(environment.getattr((undefined(name='edition') if l_0_edition is missing else l_0_edition), 'title')))
    yield '* is the government\'s statutory guidance on how agencies work together to help, protect and promote the welfare of children. It replaced the 2018 edition in December 2023 (with a small update in February 2024). For day-to-day practice in school, the points that matter most are:\n\n- **Safeguarding is still everyone\'s job.** Any member of staff who is worried about a child acts on it straight away and tells the designated safeguarding lead (DSL). Nothing about that has changed.\n- **Local arrangements are led by safeguarding partners.** The local authority, the integrated care board (which replaced clinical commissioning groups) and the police lead the local arrangements. Schools are named "relevant agencies" and must co-operate with them; education is not a fourth partner. Old "Local Safeguarding Children Board" procedures no longer apply: use the local safeguarding partnership\'s procedures.\n- **Work with families as partners.** Be clear, respectful and non-judgemental with parents and carers, help them take part in decisions, and make an extra effort to reach fathers, male carers and families services find hard to engage, while keeping the child\'s wishes and safety at the centre.\n- **See the child and the whole family.** Think about what is happening at home and around the child, including harm outside the home such as exploitation and online harm.\n- **Share information early.** Data protection law is not a barrier to sharing information to keep a child safe. Follow the 2024 information sharing advice and ask the DSL if unsure; never wait for consent when a child may be at risk.\n- **Help at the earliest point.** Early help means support as soon as a problem emerges, at any age. Staff pass concerns to the DSL so the school can play its part in early help and in child protection work led by children\'s social care.\n'

blocks = {}
debug_info = '1=13&3=15'
