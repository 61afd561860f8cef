# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/multi_agency_expectations.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_wttsc = resolve('wttsc')
    l_0_partnership = resolve('partnership')
    l_0_setting_noun = resolve('setting_noun')
    l_0_dsl_title = resolve('dsl_title')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I follow the expectations for multi-agency working in '
        yield str(environment.getattr((undefined(name='wttsc') if l_0_wttsc is missing else l_0_wttsc), 'title'))
        yield ": I work with other agencies so that children and families get help when they need it, I reflect on my practice and keep learning, I listen to each child and make sure every family can take part, and I welcome challenge from partners and offer it respectfully myself.\n\nIf I disagree with another agency's decision about a child, I use the escalation procedure published by "
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield ' until the concern is resolved.\n'
    else:
        pass
        yield 'We follow the expectations for multi-agency working in '
        yield str(environment.getattr((undefined(name='wttsc') if l_0_wttsc is missing else l_0_wttsc), 'title'))
        yield ' at every level of the '
        yield str((undefined(name='setting_noun') if l_0_setting_noun is missing else l_0_setting_noun))
        yield ":\n\n- Collaborate: we work with other agencies so that children and families get the help they need, when they need it.\n- Learn: we reflect on our practice and take part in local learning and reviews.\n- Resource: leaders give staff the time, training and supervision they need to safeguard well.\n- Include: we hear the child's voice and make sure every child and family can take part, whatever their needs.\n- Mutual challenge: we welcome challenge from partners and offer it respectfully ourselves.\n\nStaff show professional curiosity when something does not seem right. If the "
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield " disagrees with another agency's decision about a child, they use the escalation procedure published by "
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield ' until the concern is resolved.\n'

blocks = {}
debug_info = '1=16&2=19&4=21&6=26&14=30'
