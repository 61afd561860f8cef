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
    yield '* is the government\'s statutory guidance on how agencies work together to help, protect and promote the welfare of children; it replaced the edition before it in full. For day-to-day practice in school, the points that matter most are:\n\n- **Safeguarding is still everyone\'s job.** Any member of staff who is worried about a child acts on it straight away and tells the designated safeguarding lead (DSL).\n- **Local arrangements are led by the safeguarding partners.** The local authority, the integrated care board and the police lead the local arrangements; schools are "relevant agencies" that must co-operate with them, not a fourth partner. Use the local safeguarding partnership\'s procedures.\n- **Every child, whatever their care arrangements.** The guidance protects children living with parents, in kinship care, adopted or looked after, and gives weight to worries about unborn children: tell the DSL.\n- **Challenge racism and discrimination.** Do not let assumptions about a family\'s ethnicity, culture or background shape a judgement about risk.\n- **Notice the harms that are easily missed:** coercive control, child sexual abuse within and outside the family, and abuse in teenagers\' own relationships, as well as harm outside the home and online.\n- **Work with families as partners** and see the whole family, and the help available to it locally.\n- **Share information early.** Data protection law is not a barrier to sharing information to keep a child safe; never wait for consent when a child may be at risk, and ask the DSL if unsure.\n'

blocks = {}
debug_info = '1=13&3=15'
